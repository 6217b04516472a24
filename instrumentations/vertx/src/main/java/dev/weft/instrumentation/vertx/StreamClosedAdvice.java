package dev.weft.instrumentation.vertx;

import net.bytebuddy.asm.Advice;

/**
 * Ends the exchange of an HTTP/2 request as its stream closes: complete if its response ended (the
 * stream closes once the last frame is written), else cancelled (the client reset the stream, or the
 * connection went away).
 */
public final class StreamClosedAdvice {

    private StreamClosedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("request") Object request) {
        VertxServerExchange.connectionClosed(request);
    }
}
