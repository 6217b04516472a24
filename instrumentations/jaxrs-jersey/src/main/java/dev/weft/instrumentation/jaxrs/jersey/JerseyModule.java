package dev.weft.instrumentation.jaxrs.jersey;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Jersey 2.x and 3.x: the route of a request becomes the resource method's full template.
 *
 * <p>Two of Jersey's own classes are woven, found by name, so no annotation of any class is read
 * while the application starts:
 * <ul>
 *   <li>{@code ResourceMethodInvoker.apply}, which runs the matched resource method: the templates
 *       Jersey matched on the way (class {@code @Path}, locators, method {@code @Path}) are handed
 *       to the recorder, refining the route of the servlet request that carries them;</li>
 *   <li>{@code ApplicationHandler.handle}, every request's entry: outside a servlet container
 *       (the JDK HttpServer, Grizzly, Netty) nothing else times the request, so Jersey's response
 *       writer is wrapped in a {@link RecordingResponseWriter} that records it once written.</li>
 * </ul>
 */
public final class JerseyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jaxrs.jersey.";
    private static final String APPLICATION_HANDLER = "org.glassfish.jersey.server.ApplicationHandler";
    private static final String RESOURCE_METHOD_INVOKER = "org.glassfish.jersey.server.model.ResourceMethodInvoker";

    @Override
    public String name() {
        return "jaxrs-jersey";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(APPLICATION_HANDLER, RESOURCE_METHOD_INVOKER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(APPLICATION_HANDLER),
                        ClassLoaders.canSee("org.glassfish.jersey.server.spi.ContainerResponseWriter"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "RecordingResponseWriter"))
                .transform(advices.forModule(this).advice(
                        named("handle").and(takesArguments(1))
                                .and(takesArgument(0, named("org.glassfish.jersey.server.ContainerRequest"))),
                        PACKAGE + "ApplicationHandlerAdvice"))
                .type(named(RESOURCE_METHOD_INVOKER),
                        ClassLoaders.canSee("org.glassfish.jersey.server.spi.ContainerResponseWriter"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "RecordingResponseWriter"))
                .transform(advices.forModule(this).advice(
                        named("apply").and(takesArguments(1)).and(takesArgument(0,
                                named("org.glassfish.jersey.server.internal.process.RequestProcessingContext"))),
                        PACKAGE + "ResourceMethodAdvice"));
    }
}
