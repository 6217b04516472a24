package dev.weft.instrumentation.apache.httpclient4;

import static dev.weft.instrumentation.api.Matchers.isAbstract;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.not;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every call of an Apache HttpClient 4.3+ classic client: {@code doExecute(HttpHost,
 * HttpRequest, HttpContext)} of the clients the builders make ({@code InternalHttpClient},
 * {@code MinimalHttpClient}) and of the deprecated {@code AbstractHttpClient} family
 * ({@code DefaultHttpClient}). Every public {@code execute} overload ends there, and the client's
 * own redirects and retries run inside it, so one call to the client is one observation, with the
 * status of the final response.
 */
public final class ApacheHttpClient4Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.apache.httpclient4.";
    /** The clients whose doExecute every HttpClient 4.3+ call goes through. */
    private static final String[] CLIENTS = {
        "org.apache.http.impl.client.InternalHttpClient",
        "org.apache.http.impl.client.MinimalHttpClient",
        "org.apache.http.impl.client.AbstractHttpClient"};

    @Override
    public String name() {
        return "apache-httpclient-4";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CLIENTS);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(namedOneOf(CLIENTS), ClassLoaders.canSee("org.apache.http.impl.client.CloseableHttpClient"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("doExecute").and(not(isAbstract())).and(takesArguments(3))
                                .and(takesArgument(0, named("org.apache.http.HttpHost")))
                                .and(takesArgument(1, named("org.apache.http.HttpRequest"))),
                        PACKAGE + "DoExecuteEnterAdvice", PACKAGE + "DoExecuteExitAdvice"));
    }
}
