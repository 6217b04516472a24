package dev.weft.instrumentation.vertx;

import io.vertx.core.http.HttpServerRequest;
import net.bytebuddy.asm.Advice;

/** Starts a {@link VertxServerExchange} as Vert.x begins a request and creates its response. */
public final class ServerBeginAdvice {

    private ServerBeginAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This HttpServerRequest request) {
        VertxServerExchange.begin(request);
    }
}
