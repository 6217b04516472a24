package dev.weft.instrumentation.jaxrs.resteasy;

import static dev.weft.instrumentation.api.Matchers.isBridge;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.not;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * RESTEasy: the route of a request becomes the resource method's full template.
 *
 * <p>RESTEasy keeps, for each resource method and sub-resource locator, its path as written in the
 * annotations ({@code getFullpath()}: the class {@code @Path} and the method's). Its two invokers,
 * found by name, hand those paths to the recorder as they run: a locator's as a parent, the
 * resource method's as the template, refining the route of the servlet request that carries them.
 */
public final class ResteasyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jaxrs.resteasy.";
    private static final String METHOD_INVOKER = "org.jboss.resteasy.core.ResourceMethodInvoker";
    private static final String LOCATOR_INVOKER = "org.jboss.resteasy.core.ResourceLocatorInvoker";

    @Override
    public String name() {
        return "jaxrs-resteasy";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(METHOD_INVOKER, LOCATOR_INVOKER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(METHOD_INVOKER),
                        ClassLoaders.canSee("org.jboss.resteasy.spi.metadata.ResourceLocator"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        .advice(named("invoke").and(takesArguments(3)).and(not(isBridge())),
                                PACKAGE + "ResourceMethodAdvice"))
                .type(named(LOCATOR_INVOKER),
                        ClassLoaders.canSee("org.jboss.resteasy.spi.metadata.ResourceLocator"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        // both invoke(...) variants end here, once per locator call
                        .advice(named("invokeOnTargetObject").and(takesArguments(3)),
                                PACKAGE + "ResourceLocatorAdvice"));
    }
}
