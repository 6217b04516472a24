package dev.weft.instrumentation.apache.httpclient4;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

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
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
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
