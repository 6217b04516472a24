package dev.weft.instrumentation.vertx;

import net.bytebuddy.asm.Advice;

/**
 * Ends the exchange of the request whose response the connection has just finished: the first
 * call, on whichever thread ended the response (Vert.x repeats it on the event loop).
 */
public final class ResponseCompleteAdvice {

    private ResponseCompleteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("responseInProgress") Object request) {
        VertxServerExchange.responded(request);
    }
}
