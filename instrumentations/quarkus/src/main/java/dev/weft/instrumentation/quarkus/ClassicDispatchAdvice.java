package dev.weft.instrumentation.quarkus;

import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.Weft;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import net.bytebuddy.asm.Advice;

/**
 * While Quarkus runs RESTEasy classic for a Vert.x request (on a worker, as a rule), what the
 * jaxrs-resteasy instrumentation reports on this thread (the resource method's template, an
 * exception RESTEasy answered) goes to that request's route slot, under RESTEasy's root path.
 */
public final class ClassicDispatchAdvice {

    private ClassicDispatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.Argument(0) RoutingContext routingContext,
                                @Advice.FieldValue("rootPath") String rootPath) {
        HttpServerRequest request = routingContext.request();
        if (request instanceof HttpServerRequestInternal) {
            Context context = ((HttpServerRequestInternal) request).context();
            Object slot = context == null ? null : context.getLocal(RouteSlot.CONTEXT_LOCAL);
            if (slot instanceof RouteSlot) {
                Weft.server().frameworkServing((RouteSlot) slot, rootPath);
                return true;
            }
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean serving) {
        if (serving) {
            Weft.server().frameworkServed();
        }
    }
}
