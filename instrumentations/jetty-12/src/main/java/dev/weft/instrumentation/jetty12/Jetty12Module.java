package dev.weft.instrumentation.jetty12;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.returns;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.Transformations;

/**
 * Records the requests Jetty 12 answers without a servlet: a 404 for a path outside every context
 * (no handler took it, or the distribution's {@code DefaultHandler} did), a security handler's 401
 * in front of the servlets, a 404 for a context's protected {@code WEB-INF}. The observation opens at
 * {@code Server.handle(Request, Response, Callback)}, the root of the handler tree for every request,
 * and is recorded as it returns, only when no servlet (nor any other server instrumentation) started
 * one inside; requests that reach a servlet are recorded by the servlet modules exactly as without
 * this one. {@code ContextHandler.handle} returning true is a context that took the request: the route
 * comes from its context path and the path within it, through the path heuristic, or is
 * {@code unmatched}.
 *
 * <p>A core handler that completes its response after {@code handle} returns (Jetty 12's handlers may)
 * is timed to that return, with the status set by then.
 */
public final class Jetty12Module implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jetty12.";
    private static final String SERVER = "org.eclipse.jetty.server.Server";
    private static final String CONTEXT_HANDLER = "org.eclipse.jetty.server.handler.ContextHandler";
    private static final String REQUEST = "org.eclipse.jetty.server.Request";
    private static final String RESPONSE = "org.eclipse.jetty.server.Response";
    private static final String CALLBACK = "org.eclipse.jetty.util.Callback";
    /** Jetty 12's request handler interface: only 12 has it. */
    private static final String REQUEST_HANDLER = "org.eclipse.jetty.server.Request$Handler";

    @Override
    public String name() {
        return "jetty-12";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(SERVER, CONTEXT_HANDLER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(SERVER), ClassLoaders.canSee(REQUEST_HANDLER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(handle(), PACKAGE + "ServerHandleAdvice"))
                .type(named(CONTEXT_HANDLER), ClassLoaders.canSee(REQUEST_HANDLER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(handle(), PACKAGE + "ContextMappedAdvice"));
    }

    private static Matcher<MethodView> handle() {
        return named("handle").and(takesArguments(3)).and(returns(boolean.class))
                .and(takesArgument(0, named(REQUEST)))
                .and(takesArgument(1, named(RESPONSE)))
                .and(takesArgument(2, named(CALLBACK)));
    }
}
