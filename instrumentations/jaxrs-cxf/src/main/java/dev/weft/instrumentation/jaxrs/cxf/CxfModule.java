package dev.weft.instrumentation.jaxrs.cxf;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Apache CXF JAX-RS 3.x and 4.x (TomEE's JAX-RS, {@code CXFNonSpringJaxrsServlet}, CXF under
 * Spring): the route of a request becomes the resource method's full template.
 *
 * <p>One of CXF's own classes is woven, found by name: {@code JAXRSInvoker.invoke(Exchange, Object,
 * Object)}, which CXF calls once with the operation {@code JAXRSInInterceptor} matched and once more
 * for each sub-resource a locator returns. Each call hands the matched {@code OperationResourceInfo}'s
 * templates to the recorder, as written in the annotations: the root class's {@code @Path} and each
 * locator's as parents, the resource method's as the template; they refine the route of the servlet
 * request that carries them. The endpoint's address, as its HTTP destination was created with it,
 * goes along: relative, it lies under the servlet's mapping (Spring's
 * {@code <jaxrs:server address="/rest">} under {@code CXFServlet}); absolute, it is the whole path
 * the templates are under (TomEE's {@code CXFJAXRSFilter} serves an application deployed at
 * {@code http://host:port/app/api} outside any servlet mapping). CXF answers a path or method it cannot match (404, 405) before the
 * invoker runs, so those keep the servlet's route. The model classes read have no
 * {@code javax.ws.rs}/{@code jakarta.ws.rs} type in their signatures, so one advice serves both lines.
 */
public final class CxfModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.jaxrs.cxf.";
    private static final String INVOKER = "org.apache.cxf.jaxrs.JAXRSInvoker";

    @Override
    public String name() {
        return "jaxrs-cxf";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(INVOKER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(INVOKER), ClassLoaders.canSee("org.apache.cxf.jaxrs.model.OperationResourceInfo"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("invoke").and(takesArguments(3))
                                .and(takesArgument(0, named("org.apache.cxf.message.Exchange"))),
                        PACKAGE + "InvokerAdvice"));
    }
}
