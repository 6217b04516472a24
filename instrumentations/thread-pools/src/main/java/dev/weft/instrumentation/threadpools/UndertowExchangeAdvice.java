package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * {@code Connectors.executeRootHandler(handler, exchange)}: an exchange starts, or is dispatched to a
 * worker; its connection's worker is the pool (WildFly's listeners too, which no {@code Undertow.start} runs).
 */
public final class UndertowExchangeAdvice {

    private UndertowExchangeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) HttpServerExchange exchange) {
        ServerThreadPools.serving("undertow", exchange.getConnection().getWorker());
    }
}
