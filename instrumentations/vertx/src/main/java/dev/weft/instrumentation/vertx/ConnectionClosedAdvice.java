package dev.weft.instrumentation.vertx;

import net.bytebuddy.asm.Advice;

/** Ends, as cancelled, the exchange of a request whose connection closed before its response ended. */
public final class ConnectionClosedAdvice {

    private ConnectionClosedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("responseInProgress") Object request) {
        VertxServerExchange.connectionClosed(request);
    }
}
