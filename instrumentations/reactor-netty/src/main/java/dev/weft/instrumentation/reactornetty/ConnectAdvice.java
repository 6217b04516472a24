package dev.weft.instrumentation.reactornetty;

import net.bytebuddy.asm.Advice;
import reactor.core.CoreSubscriber;
import reactor.netty.http.client.HttpClientConfig;

/** Puts a {@link ClientExchange} between a logical client request and its subscriber. */
public final class ConnectAdvice {

    private ConnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void enter(@Advice.Argument(value = 0, readOnly = false) CoreSubscriber actual,
                             @Advice.FieldValue("config") HttpClientConfig config) {
        actual = ClientExchange.wrap(actual, config);
    }
}
