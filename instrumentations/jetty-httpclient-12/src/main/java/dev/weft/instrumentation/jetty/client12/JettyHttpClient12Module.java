package dev.weft.instrumentation.jetty.client12;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every logical request of a Jetty 12 {@code HttpClient} (and so of Spring's
 * {@code JettyClientHttpRequestFactory} and {@code JettyClientHttpConnector}): {@code Request.send()}
 * and {@code send(Response.CompleteListener)}, which the blocking {@code send()} calls too.
 *
 * <p>As in {@code jetty-httpclient-9}: Jetty sends the requests of redirects and authentication
 * challenges in the conversation of the first one, from its own threads; only a request whose
 * conversation has no exchange yet is the application's, and its {@link JettyCall} records it when
 * Jetty completes the conversation, once, with the final response or failure.
 */
public final class JettyHttpClient12Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jetty.client12.";
    private static final String REQUEST = "org.eclipse.jetty.client.transport.HttpRequest";

    @Override
    public String name() {
        return "jetty-httpclient-12";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(REQUEST);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                // Response moved out of the api package in Jetty 12
                .type(named(REQUEST), ClassLoaders.canSee("org.eclipse.jetty.client.Response"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "JettyCall"))
                .transform(advices.forModule(this).advice(
                        named("send").and(takesArguments(1))
                                .and(takesArgument(0, named("org.eclipse.jetty.client.Response$CompleteListener"))),
                        PACKAGE + "SendEnterAdvice", PACKAGE + "SendExitAdvice"));
    }
}
