package dev.weft.instrumentation.quarkus;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.Transformations;

/**
 * Quarkus 3 on Vert.x 4: the route templates of its two JAX-RS stacks, for the request the
 * {@code vertx} instrumentation times (the module that records; this one only names the route).
 *
 * <p>Quarkus REST (RESTEasy Reactive): {@code ResteasyReactiveRequestContext.restart(RuntimeResource,
 * boolean)}, where the matched resource method's handler chain starts (a sub-resource's too), gives
 * the class and method templates and the deployment prefix ({@link RestRoutes});
 * {@code RuntimeExceptionMapper.mapException} the exception behind a 500 it answers.
 *
 * <p>RESTEasy classic ({@code quarkus-resteasy}): Quarkus dispatches a Vert.x request to RESTEasy in
 * {@code VertxRequestHandler.dispatch}, on a worker thread as a rule, where the {@code jaxrs-resteasy}
 * instrumentation reports the template per thread; {@link ClassicDispatchAdvice} points that thread's
 * reports at the Vert.x request's route slot while the dispatch runs.
 */
public final class QuarkusModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.quarkus.";
    private static final String REST_CONTEXT = "org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext";
    private static final String REST_EXCEPTIONS = "org.jboss.resteasy.reactive.server.core.RuntimeExceptionMapper";
    private static final String CLASSIC_HANDLER = "io.quarkus.resteasy.runtime.standalone.VertxRequestHandler";
    /** The Vert.x 4 request class the slot is read through; Vert.x 5 moved it. */
    private static final String VERTX_4 = "io.vertx.core.http.impl.HttpServerRequestInternal";

    @Override
    public String name() {
        return "quarkus";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(REST_CONTEXT, REST_EXCEPTIONS, CLASSIC_HANDLER);
    }

    private Matcher<ClassLoader> onVertx4(String libraryClass) {
        return ClassLoaders.canSee(libraryClass)
                .and(ClassLoaders.requires(name(), VERTX_4, "Vert.x 5, whose internals differ"));
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(REST_CONTEXT), onVertx4(REST_CONTEXT))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "RestRoutes"))
                .transform(advices.forModule(this).advice(
                        named("restart").and(takesArguments(2))
                                .and(takesArgument(0, named("org.jboss.resteasy.reactive.server.mapping.RuntimeResource"))),
                        PACKAGE + "RestTargetAdvice"))
                .type(named(REST_EXCEPTIONS), onVertx4(REST_EXCEPTIONS))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "RestRoutes"))
                .transform(advices.forModule(this).advice(
                        named("mapException").and(takesArguments(2))
                                .and(takesArgument(0, Throwable.class))
                                .and(takesArgument(1, named(REST_CONTEXT))),
                        PACKAGE + "RestExceptionAdvice"))
                .type(named(CLASSIC_HANDLER), onVertx4(CLASSIC_HANDLER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("dispatch").and(takesArguments(3))
                                .and(takesArgument(0, named("io.vertx.ext.web.RoutingContext"))),
                        PACKAGE + "ClassicDispatchAdvice"));
    }
}
