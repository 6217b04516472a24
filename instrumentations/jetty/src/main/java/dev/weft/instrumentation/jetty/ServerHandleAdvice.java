package dev.weft.instrumentation.jetty;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * {@code Server.handle(HttpChannel)}: opens the container's observation and, on return, records it
 * unless a servlet recorded the request. A request no handler took is answered 404 by the channel
 * right after this returns; an asynchronous request has reached a servlet by then, so its servlet
 * observation records it when it completes.
 */
public final class ServerHandleAdvice {

    private ServerHandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return Weft.server().containerStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) HttpChannel channel,
                            @Advice.Thrown Throwable thrown) {
        if (start != ServerRecorder.NOT_TIMED) {
            Request request = channel.getRequest();
            Weft.server().containerEnd(start, request.getMethod(),
                    request.isHandled() ? channel.getResponse().getStatus() : 404, thrown);
        }
    }
}
