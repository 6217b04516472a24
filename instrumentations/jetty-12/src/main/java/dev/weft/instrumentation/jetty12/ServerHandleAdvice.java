package dev.weft.instrumentation.jetty12;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * {@code Server.handle(Request, Response, Callback)}: opens the container's observation and, on
 * return, records it unless a servlet recorded the request. {@code false} means no handler took the
 * request: Jetty answers 404 right after this returns. An exception that escapes is answered 500.
 */
public final class ServerHandleAdvice {

    private ServerHandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return Weft.server().containerStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) Request request,
                            @Advice.Argument(1) Response response,
                            @Advice.Return boolean handled,
                            @Advice.Thrown Throwable thrown) {
        if (start != ServerRecorder.NOT_TIMED) {
            Weft.server().containerEnd(start, request.getMethod(), handled ? response.getStatus() : 404, thrown);
        }
    }
}
