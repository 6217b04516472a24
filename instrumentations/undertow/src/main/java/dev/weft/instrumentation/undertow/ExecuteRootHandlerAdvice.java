package dev.weft.instrumentation.undertow;

import dev.weft.bootstrap.OuterRequest;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Starts timing an exchange the first time Undertow runs a root handler for it, and marks it as the
 * request this thread serves while the handlers run.
 */
public final class ExecuteRootHandlerAdvice {

    private ExecuteRootHandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(1) HttpServerExchange exchange) {
        return UndertowExchange.enter(exchange);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object previous) {
        OuterRequest.exit(previous);
    }
}
