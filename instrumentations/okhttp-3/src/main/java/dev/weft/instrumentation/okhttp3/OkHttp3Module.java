package dev.weft.instrumentation.okhttp3;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every OkHttp 3.x, 4.x and 5.x call: {@code RealCall.execute()} and {@code RealCall.enqueue(Callback)}
 * ({@code okhttp3.RealCall} in 3.x, {@code okhttp3.internal.connection.RealCall} in 4.x and 5.x). One call
 * is one observation: the interceptor chain, with its redirects, follow-ups and connection retries,
 * runs inside it and is not recorded again. An enqueued call's callback is wrapped in an
 * {@link OkHttpCallback}, injected into OkHttp's class loader, which records it when OkHttp delivers
 * the response or the failure.
 */
public final class OkHttp3Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.okhttp3.";
    /** RealCall moved package in OkHttp 4.x. */
    private static final String[] CALLS = {"okhttp3.RealCall", "okhttp3.internal.connection.RealCall"};

    @Override
    public String name() {
        return "okhttp-3";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CALLS);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(namedOneOf(CALLS),
                        ClassLoaders.canSee("okhttp3.Callback"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "OkHttpCallback"))
                .transform(advices.forModule(this)
                        .advice(named("execute").and(takesArguments(0)),
                                PACKAGE + "ExecuteEnterAdvice", PACKAGE + "ExecuteExitAdvice")
                        .advice(named("enqueue").and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Callback"))),
                                PACKAGE + "EnqueueEnterAdvice", PACKAGE + "EnqueueExitAdvice"));
    }
}
