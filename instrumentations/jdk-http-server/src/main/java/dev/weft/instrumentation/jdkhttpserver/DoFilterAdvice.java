package dev.weft.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import dev.weft.bootstrap.ExchangeHook;
import net.bytebuddy.asm.Advice;

/** Hands the exchange to the hook as the filter chain starts, and what it threw as it ends. */
public final class DoFilterAdvice {

    private DoFilterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpExchange exchange) {
        return ExchangeHook.jdkHttpServer().enter(exchange);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        ExchangeHook.jdkHttpServer().exit(token, thrown);
    }
}
