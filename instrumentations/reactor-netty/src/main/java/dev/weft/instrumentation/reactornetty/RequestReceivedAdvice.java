package dev.weft.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;

/**
 * Starts a {@link ServerExchange} as Reactor Netty hands a request to the server's handler, and, if
 * the handler threw instead of returning (Reactor Netty then closes the connection unanswered), ends it.
 */
public final class RequestReceivedAdvice {

    private RequestReceivedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ServerExchange enter(@Advice.Argument(0) Connection connection,
                                       @Advice.Argument(1) ConnectionObserver.State state) {
        return ServerExchange.received(connection, state);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ServerExchange exchange) {
        if (exchange != null) {
            exchange.handled();
        }
    }
}
