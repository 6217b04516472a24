package dev.weft.instrumentation.jetty;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Records the requests Jetty 9.4, 10 and 11 answer without a servlet: a 404 for a path outside
 * every context (no handler took it, or the distribution's {@code DefaultHandler} did), a security
 * handler's 401 in front of the servlets. The observation opens at {@code Server.handle(HttpChannel)},
 * the server's entry for each request's first dispatch on every connector, and is recorded there only
 * when no servlet (nor any other server instrumentation) started one inside; requests that reach a
 * servlet are recorded by the servlet modules exactly as without this one. {@code ContextHandler.doHandle}
 * is where Jetty has scoped the request to a context and a servlet mapping: the route comes from that,
 * through the path heuristic, or is {@code unmatched}.
 *
 * <p>Jetty 12 changed both classes' signatures; its own module ({@code jetty-12}) weaves it. The
 * argument matchers keep this one out of it.
 */
public final class JettyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jetty.";
    private static final String SERVER = "org.eclipse.jetty.server.Server";
    private static final String CONTEXT_HANDLER = "org.eclipse.jetty.server.handler.ContextHandler";
    private static final String CHANNEL = "org.eclipse.jetty.server.HttpChannel";
    private static final String REQUEST = "org.eclipse.jetty.server.Request";
    /** Public in 9.4 to 11, moved to an internal package in 12: tells the two generations apart. */
    private static final String CHANNEL_STATE = "org.eclipse.jetty.server.HttpChannelState";

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(SERVER, CONTEXT_HANDLER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(SERVER), ClassLoaders.canSee(CHANNEL_STATE))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("handle").and(takesArguments(1)).and(takesArgument(0, named(CHANNEL))),
                        PACKAGE + "ServerHandleAdvice"))
                .type(named(CONTEXT_HANDLER), ClassLoaders.canSee(CHANNEL_STATE))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("doHandle").and(takesArguments(4)).and(takesArgument(1, named(REQUEST))),
                        PACKAGE + "ContextMappedAdvice"));
    }
}
