package dev.weft.instrumentation.jetty.client9;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every logical request of a Jetty 9.4, 10 or 11 {@code HttpClient}: {@code Request.send()}
 * and {@code send(Response.CompleteListener)}, which the blocking {@code send()} calls too.
 *
 * <p>Jetty follows redirects and answers authentication challenges by sending new requests in the
 * same {@code HttpConversation}, from its own threads; only a request whose conversation has no
 * exchange yet is one the application sent, and only it is timed. A {@link JettyCall}, injected
 * into Jetty's class loader and added to that request's complete listeners, records it when Jetty
 * completes the conversation: Jetty notifies the first request's listeners once, with the final
 * response or failure.
 */
public final class JettyHttpClient9Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jetty.client9.";
    private static final String REQUEST = "org.eclipse.jetty.client.HttpRequest";

    @Override
    public String name() {
        return "jetty-httpclient-9";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(REQUEST);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                // the api package is where 9.x to 11 keep Request; Jetty 12 has none
                .type(named(REQUEST), ClassLoaders.canSee("org.eclipse.jetty.client.api.Request"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "JettyCall"))
                .transform(advices.forModule(this).advice(
                        named("send").and(takesArguments(1))
                                .and(takesArgument(0, named("org.eclipse.jetty.client.api.Response$CompleteListener"))),
                        PACKAGE + "SendEnterAdvice", PACKAGE + "SendExitAdvice"));
    }
}
