package dev.weft.instrumentation.vertx;

import io.vertx.core.Promise;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientBase;
import net.bytebuddy.asm.Advice;

/** Starts a {@link VertxClientCall} for each request an {@code HttpClient} is asked for. */
public final class ClientRequestAdvice {

    private ClientRequestAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("rawtypes")
    public static VertxClientCall enter(@Advice.This HttpClientBase client,
                                        @Advice.Argument(0) RequestOptions options,
                                        @Advice.Argument(1) Promise promise) {
        return VertxClientCall.start(client, options, promise);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter VertxClientCall call, @Advice.Thrown Throwable thrown) {
        if (call != null && thrown != null) {
            call.threw(thrown);
        }
    }
}
