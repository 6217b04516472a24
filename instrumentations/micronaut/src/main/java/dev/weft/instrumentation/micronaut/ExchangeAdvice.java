package dev.weft.instrumentation.micronaut;

import io.micronaut.http.HttpRequest;
import net.bytebuddy.asm.Advice;
import reactor.core.publisher.Mono;

/**
 * Observes one logical request of Micronaut's HTTP client: the {@code Mono} its {@code exchange}
 * returns, which {@code retrieve}, the blocking client and declarative clients also go through.
 */
public final class ExchangeAdvice {

    private ExchangeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings("rawtypes")
    public static void exit(@Advice.Enter long called, @Advice.Argument(0) HttpRequest<?> request,
                            @Advice.FieldValue("loadBalancer") Object loadBalancer,
                            @Advice.Return(readOnly = false) Mono response) {
        response = MicronautClientCall.observe(response, called, request, loadBalancer);
    }
}
