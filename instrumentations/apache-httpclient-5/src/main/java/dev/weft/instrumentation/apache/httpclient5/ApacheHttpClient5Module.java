package dev.weft.instrumentation.apache.httpclient5;

import static dev.weft.instrumentation.api.Matchers.isConstructor;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every call of an Apache HttpClient 5.x client, classic and async. Each client funnels its
 * public {@code execute} overloads into one {@code doExecute}, inside which it follows redirects
 * and retries; one call to the client is therefore one observation, with the final status.
 *
 * <ul>
 *   <li>Classic ({@code InternalHttpClient}, {@code MinimalHttpClient}): timed until
 *       {@code doExecute} returns the response (headers read) or throws.</li>
 *   <li>Async ({@code InternalAbstractHttpAsyncClient}, what {@code HttpAsyncClients} builds): the
 *       caller's {@code FutureCallback} is wrapped in an {@link AsyncCall}, injected into the
 *       library's class loader, which records the call when it completes, fails or is cancelled.
 *       The request (method, server) is first known when the client builds the exchange's
 *       {@code AsyncExecChain.Scope}, which it does on the calling thread; that constructor hands
 *       them to the pending {@link AsyncCall}.</li>
 * </ul>
 */
public final class ApacheHttpClient5Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.apache.httpclient5.";
    private static final String CORE = "org.apache.hc.core5.";
    private static final String[] CLASSIC_CLIENTS = {
        "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
        "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"};
    private static final String ASYNC_CLIENT = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
    private static final String ASYNC_SCOPE = "org.apache.hc.client5.http.async.AsyncExecChain$Scope";

    @Override
    public String name() {
        return "apache-httpclient-5";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CLASSIC_CLIENTS).or(Candidates.named(ASYNC_CLIENT, ASYNC_SCOPE));
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        Matcher<ClassLoader> httpClient5 =
                ClassLoaders.canSee("org.apache.hc.client5.http.impl.classic.CloseableHttpClient");
        Matcher<ClassLoader> httpAsyncClient5 =
                ClassLoaders.canSee("org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient");
        return builder
                .type(namedOneOf(CLASSIC_CLIENTS), httpClient5)
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("doExecute").and(takesArguments(3))
                                .and(takesArgument(0, named(CORE + "http.HttpHost")))
                                .and(takesArgument(1, named(CORE + "http.ClassicHttpRequest"))),
                        PACKAGE + "ClassicEnterAdvice", PACKAGE + "ClassicExitAdvice"))
                .type(named(ASYNC_CLIENT), httpAsyncClient5)
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCall"))
                .transform(advices.forModule(this).advice(
                        named("doExecute").and(takesArguments(6))
                                .and(takesArgument(5, named(CORE + "concurrent.FutureCallback"))),
                        PACKAGE + "AsyncEnterAdvice", PACKAGE + "AsyncExitAdvice"))
                .type(named(ASYNC_SCOPE), httpAsyncClient5)
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCall"))
                .transform(advices.forModule(this).advice(isConstructor(), PACKAGE + "AsyncScopeAdvice"));
    }
}
