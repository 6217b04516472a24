package dev.weft.instrumentation.apache.httpclient4;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
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

    @Override
    public String name() {
        return "apache-httpclient-4";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder
                .type(named("org.apache.http.impl.client.InternalHttpClient")
                                .or(named("org.apache.http.impl.client.MinimalHttpClient"))
                                .or(named("org.apache.http.impl.client.AbstractHttpClient")),
                        ClassLoaders.canSee("org.apache.http.impl.client.CloseableHttpClient"))
                .transform(advices.forModule(this).advice(
                        named("doExecute").and(not(isAbstract())).and(takesArguments(3))
                                .and(takesArgument(0, named("org.apache.http.HttpHost")))
                                .and(takesArgument(1, named("org.apache.http.HttpRequest"))),
                        PACKAGE + "DoExecuteEnterAdvice", PACKAGE + "DoExecuteExitAdvice"));
    }
}
