package dev.weft.instrumentation.helidon;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Helidon 4's WebServer: requests served by its HTTP routing (Helidon SE), and every request a
 * Helidon MP application answers outside JAX-RS.
 *
 * <p>Two of Helidon's classes are woven:
 * <ul>
 *   <li>{@code HttpRoutingImpl.route}, through which every HTTP/1.1 and HTTP/2 connection hands a
 *       parsed request to the routing: its filters, its routes and its error handlers run inside
 *       the call, on the connection's virtual thread, and the response is sent before it returns
 *       (Helidon requires handlers to answer on that thread). A {@link HelidonRequest} times the
 *       call and records it with the path pattern the routing matched ({@code /items/{id}}), the
 *       path heuristic where none did, {@code unmatched} for Helidon's own 404s;</li>
 *   <li>{@code ErrorHandlers}' handling of an exception a handler threw, so that a 500 carries the
 *       exception's class as {@code error_type}.</li>
 * </ul>
 *
 * <p>Helidon MP runs Jersey inside a route: Jersey's own observation starts on the same thread and
 * this one steps aside ({@link dev.weft.bootstrap.OuterRequest}), so a JAX-RS request is recorded
 * once, with its resource template.
 */
public final class HelidonModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.helidon.";
    private static final String ROUTING = "io.helidon.webserver.http.HttpRoutingImpl";
    private static final String ERROR_HANDLERS = "io.helidon.webserver.http.ErrorHandlers";
    private static final String ROUTING_REQUEST = "io.helidon.webserver.http.RoutingRequest";

    @Override
    public String name() {
        return "helidon";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(ROUTING, ERROR_HANDLERS);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(ROUTING), ClassLoaders.canSee(ROUTING_REQUEST))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "HelidonRequest"))
                .transform(advices.forModule(this).advice(
                        named("route").and(takesArguments(3))
                                .and(takesArgument(0, named("io.helidon.webserver.ConnectionContext")))
                                .and(takesArgument(1, named(ROUTING_REQUEST)))
                                .and(takesArgument(2, named("io.helidon.webserver.http.RoutingResponse"))),
                        PACKAGE + "RouteAdvice"))
                .type(named(ERROR_HANDLERS), ClassLoaders.canSee(ROUTING_REQUEST))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "HelidonRequest"))
                .transform(advices.forModule(this).advice(
                        named("handleError").or(named("unhandledError"))
                                .and(takesArgument(3, Throwable.class)),
                        PACKAGE + "HandledErrorAdvice"));
    }
}
