package dev.weft.instrumentation.undertow;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Undertow core (2.x): requests served by {@code HttpHandler} chains, without servlets.
 *
 * <p>One class is woven: {@code io.undertow.server.Connectors.executeRootHandler}, through which
 * every connector (HTTP/1.1, HTTP/2, AJP) hands a new exchange to the server's root handler, and
 * through which {@code exchange.dispatch(executor, handler)} runs the handler again on a worker.
 * The first call for an exchange starts an {@link UndertowExchange}, kept as an exchange
 * attachment and registered as its completion listener, so the request is recorded once, when
 * Undertow completes it, on whichever thread that is: a request dispatched to a worker or answered
 * later from another thread is timed to its end.
 *
 * <p>Inside a servlet deployment (embedded undertow-servlet, WildFly) the servlet modules record the
 * request: their observation starts on the thread that runs the handlers, and this one steps aside
 * ({@link dev.weft.bootstrap.OuterRequest}).
 */
public final class UndertowModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.undertow.";
    private static final String CONNECTORS = "io.undertow.server.Connectors";

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CONNECTORS);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(CONNECTORS),
                        ClassLoaders.canSee(CONNECTORS).and(ClassLoaders.requires(name(),
                                "io.undertow.util.PathTemplateMatch", "an Undertow 1.x release older than the advice")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "UndertowExchange"))
                .transform(advices.forModule(this).advice(
                        named("executeRootHandler").and(takesArguments(2))
                                .and(takesArgument(0, named("io.undertow.server.HttpHandler")))
                                .and(takesArgument(1, named("io.undertow.server.HttpServerExchange"))),
                        PACKAGE + "ExecuteRootHandlerAdvice"));
    }
}
