package dev.weft.instrumentation.springwebflux;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Spring WebFlux on Reactor Netty: the route of a request is the pattern WebFlux matched
 * ({@code /items/{id}}), for annotated controllers, functional {@code RouterFunction}s and URL handler
 * mappings alike, all of which leave it in the exchange attribute
 * {@code org.springframework.web.reactive.HandlerMapping.bestMatchingPattern}.
 *
 * <p>One class is woven, found by name: {@code DispatcherHandler}, at the private method that runs
 * the handler a mapping found ({@code handleRequestWith} since Spring 6.1, {@code invokeHandler}
 * before), where every mapping has set its attributes. The pattern is handed to the request's
 * {@link dev.weft.bootstrap.RouteSlot}, which the reactor-netty instrumentation attached to the
 * request's channel and records it with. A request no handler matched has no pattern: its 404 is
 * {@code unmatched}. Requests WebFlux serves on a servlet container are recorded by the servlet
 * instrumentation, with the path heuristic for a route.
 */
public final class SpringWebFluxModule implements InstrumentationModule {

    private static final String DISPATCHER_HANDLER = "org.springframework.web.reactive.DispatcherHandler";

    @Override
    public String name() {
        return "spring-webflux";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(DISPATCHER_HANDLER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(DISPATCHER_HANDLER),
                        ClassLoaders.canSee(DISPATCHER_HANDLER)
                                .and(ClassLoaders.canSee("reactor.netty.Connection"))
                                .and(ClassLoaders.requires(name(),
                                        "org.springframework.http.server.reactive.ServerHttpRequestDecorator",
                                        "Spring WebFlux without ServerHttpRequest decorators")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        namedOneOf("handleRequestWith", "invokeHandler").and(takesArguments(2))
                                .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
                        "dev.weft.instrumentation.springwebflux.HandlerAdvice"));
    }
}
