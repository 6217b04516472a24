package dev.weft.instrumentation.javahttpclient;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;

import dev.weft.bootstrap.AsyncClientCall;
import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every request of {@code java.net.http.HttpClient}: {@code send} until it returns, and
 * {@code sendAsync} until its future completes (normally, exceptionally or by cancellation).
 *
 * <p>The JDK's {@code HttpClient.newHttpClient()} and builder return a facade over
 * {@code jdk.internal.net.http.HttpClientImpl} (module {@code java.net.http}, platform class
 * loader); its {@code send} and every {@code sendAsync} overload are woven. {@code send} and the
 * public {@code sendAsync} overloads all end in a private {@code sendAsync}: the shared
 * {@code CallDepth.CLIENT} lets only the outermost record. Redirects and retries the client
 * performs internally are part of the one call; the status is the final response's.
 */
public final class JavaHttpClientModule implements InstrumentationModule {

    static final String IMPL = "jdk.internal.net.http.HttpClientImpl";
    private static final String PACKAGE = "dev.weft.instrumentation.javahttpclient.";

    @Override
    public String name() {
        return "java-http-client";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(IMPL);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        AsyncClientCall.readStatusWith(new ResponseStatus());
        return builder
                .type(named(IMPL))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        .advice(named("send").and(takesArgument(0, named("java.net.http.HttpRequest"))),
                                PACKAGE + "SendEnterAdvice", PACKAGE + "SendExitAdvice")
                        .advice(named("sendAsync").and(takesArgument(0, named("java.net.http.HttpRequest"))),
                                PACKAGE + "SendEnterAdvice", PACKAGE + "SendAsyncExitAdvice"));
    }
}
