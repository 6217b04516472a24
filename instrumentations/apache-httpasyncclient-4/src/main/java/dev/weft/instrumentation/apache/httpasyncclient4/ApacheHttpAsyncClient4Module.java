package dev.weft.instrumentation.apache.httpasyncclient4;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every call of an Apache HttpAsyncClient 4.1 client that {@code HttpAsyncClients} builds
 * ({@code InternalHttpAsyncClient}). Every {@code execute} overload ends in
 * {@code execute(HttpAsyncRequestProducer, HttpAsyncResponseConsumer, HttpContext, FutureCallback)},
 * whose exchange follows redirects and answers authentication challenges itself: one call is one
 * observation, recorded when the client completes, fails or cancels it.
 *
 * <p>The caller's {@code FutureCallback} (or none) is wrapped in an {@link AsyncCall}, injected into
 * the library's class loader. The request is first known when the exchange starts, on the calling
 * thread: {@code MainClientExec.prepare(target, original, ...)} hands the target and the original
 * request to the pending {@link AsyncCall}, which starts timing.
 */
public final class ApacheHttpAsyncClient4Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.apache.httpasyncclient4.";
    private static final String CLIENT = "org.apache.http.impl.nio.client.InternalHttpAsyncClient";
    private static final String EXEC = "org.apache.http.impl.nio.client.MainClientExec";

    @Override
    public String name() {
        return "apache-httpasyncclient-4";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CLIENT, EXEC);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(CLIENT), ClassLoaders.canSee("org.apache.http.impl.nio.client.CloseableHttpAsyncClient"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCall"))
                .transform(advices.forModule(this).advice(
                        named("execute").and(takesArguments(4))
                                .and(takesArgument(0, named("org.apache.http.nio.protocol.HttpAsyncRequestProducer")))
                                .and(takesArgument(3, named("org.apache.http.concurrent.FutureCallback"))),
                        PACKAGE + "ExecuteEnterAdvice", PACKAGE + "ExecuteExitAdvice"))
                .type(named(EXEC), ClassLoaders.canSee("org.apache.http.impl.nio.client.CloseableHttpAsyncClient"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCall"))
                .transform(advices.forModule(this).advice(
                        named("prepare").and(takesArguments(4))
                                .and(takesArgument(0, named("org.apache.http.HttpHost")))
                                .and(takesArgument(1, named("org.apache.http.HttpRequest"))),
                        PACKAGE + "PrepareAdvice"));
    }
}
