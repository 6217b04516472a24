package dev.weft.instrumentation.jaxrs.cxf;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.model.URITemplate;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * The templates of the operation CXF is about to invoke, the address of the endpoint they are
 * relative to, and what escaped it. Reported only inside a
 * servlet request: elsewhere (CXF's own Jetty transport) no request is timed, and nothing would
 * reset what this thread reported.
 */
public final class InvokerAdvice {

    private InvokerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Exchange exchange) {
        if (!CallDepth.SERVER.inside()) {
            return;
        }
        OperationResourceInfo operation = exchange.get(OperationResourceInfo.class);
        if (operation == null) {
            return;
        }
        ServerRecorder recorder = Weft.server();
        ClassResourceInfo resource = operation.getClassResourceInfo();
        // a sub-resource's own @Path, if it has one, is not part of the URI (JAX-RS 3.4.1)
        if (resource != null && resource.isRoot() && resource.getURITemplate() != null) {
            recorder.frameworkParent(resource.getURITemplate().getValue());
        }
        URITemplate template = operation.getURITemplate();
        String path = template == null ? "/" : template.getValue();
        if (operation.isSubResourceLocator()) {
            recorder.frameworkParent(path);
        } else {
            recorder.frameworkTemplate(path);
        }
        // The templates are relative to the endpoint's address: the path the destination was created
        // with, as configured ("/" under CXFNonSpringJaxrsServlet, "/rest" for Spring's
        // <jaxrs:server address="/rest">, TomEE's http://host:port/app/api). Not the endpoint info's
        // address nor the message's base path: CXF rewrites those from a request's URL.
        // Last, so that a CXF without its HTTP transport still reports the templates.
        Destination destination = exchange.getDestination();
        if (destination instanceof AbstractHTTPDestination) {
            recorder.frameworkBase(((AbstractHTTPDestination) destination).getPath());
        }
    }

    /**
     * An exception no {@code ExceptionMapper} handled leaves the invoker wrapped in a {@code Fault}.
     * CXF rethrows it to the container by default, where the servlet advice sees it too; with
     * {@code org.apache.cxf.propagate.exception=false} CXF answers 500 itself and only this report
     * names the exception. A mapped exception never leaves the invoker: CXF maps it inside.
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Thrown Throwable thrown) {
        if (thrown != null && CallDepth.SERVER.inside()) {
            Weft.server().frameworkError(thrown instanceof Fault && thrown.getCause() != null
                    ? thrown.getCause() : thrown);
        }
    }
}
