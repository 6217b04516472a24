package dev.weft.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;

/**
 * Notes that a server response's last part went to Netty: a cancellation that follows (Reactor Netty
 * terminates a request once its response is written, sometimes before the handler's publisher
 * completes) ends a complete response, not one the client abandoned.
 */
public final class BodySentAdvice {

    private BodySentAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object operations, @Advice.Return boolean marked) {
        if (marked) {
            ServerExchange.bodySent(operations);
        }
    }
}
