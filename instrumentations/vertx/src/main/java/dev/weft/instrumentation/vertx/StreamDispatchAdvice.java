package dev.weft.instrumentation.vertx;

import io.vertx.core.http.HttpServerRequest;
import net.bytebuddy.asm.Advice;

/** Starts a {@link VertxServerExchange} as Vert.x hands an HTTP/2 request (a stream) to the server's handler. */
public final class StreamDispatchAdvice {

    private StreamDispatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpServerRequest request) {
        VertxServerExchange.begin(request);
    }
}
