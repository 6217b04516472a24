package dev.weft.instrumentation.tomcat;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;

/**
 * {@code CoyoteAdapter.service(coyote Request, coyote Response)}: opens the container's observation
 * and, on return, records it unless a servlet recorded the request. An asynchronous request has
 * reached a servlet by then, so its servlet observation records it when it completes.
 */
public final class ServiceAdvice {

    private ServiceAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return Weft.server().containerStart();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) org.apache.coyote.Request request,
                            @Advice.Argument(1) org.apache.coyote.Response response,
                            @Advice.Thrown Throwable thrown) {
        if (start != ServerRecorder.NOT_TIMED) {
            // method(), not getMethod(): Tomcat 10.0 (TomEE 9) has only the former
            Weft.server().containerEnd(start, request.method().toString(), response.getStatus(), thrown);
        }
    }
}
