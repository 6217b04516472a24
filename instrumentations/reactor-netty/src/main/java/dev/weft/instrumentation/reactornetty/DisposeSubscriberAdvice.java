package dev.weft.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;
import reactor.core.CoreSubscriber;

/**
 * Puts the request's {@link ServerExchange} between the server handler's {@code Publisher<Void>} and
 * Reactor Netty's subscriber to it; every other caller (clients, TCP, UDP) gets Reactor Netty's own.
 */
public final class DisposeSubscriberAdvice {

    private DisposeSubscriberAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void exit(@Advice.This Object operations,
                            @Advice.Return(readOnly = false) CoreSubscriber subscriber) {
        subscriber = ServerExchange.subscriber(operations, subscriber);
    }
}
