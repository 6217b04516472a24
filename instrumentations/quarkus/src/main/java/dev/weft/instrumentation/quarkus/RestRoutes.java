package dev.weft.instrumentation.quarkus;

import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.Weft;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.mapping.URITemplate;

/**
 * Quarkus REST (RESTEasy Reactive) routes: the matched resource method's template under its class's
 * ({@code @Path("/items")} and {@code @Path("/{id}")}), under the deployment's prefix (the HTTP root
 * path and the application path), handed to the route slot of the Vert.x request being served. A
 * sub-resource's template goes under the full template of the locator that returned it.
 *
 * <p>Not loaded by the agent: injected into RESTEasy Reactive's class loader; never throws into it.
 */
public final class RestRoutes {

    private RestRoutes() {}

    /** RESTEasy Reactive now runs {@code target}'s handler chain; {@code located}: reached through a locator. */
    public static void target(ResteasyReactiveRequestContext context, RuntimeResource target, boolean located) {
        try {
            RouteSlot slot = slotOf(context);
            if (slot == null || target == null) {
                return;
            }
            URITemplate path = target.getPath();
            URITemplate classPath = target.getClassPath();
            String parent = classPath == null ? null : classPath.template;
            if (located && slot.template() != null) {
                // the locator's own full template, then this resource's: rare enough to join
                String above = slot.parent() == null ? slot.template() : slot.parent() + "/" + slot.template();
                parent = parent == null ? above : above + "/" + parent;
            }
            slot.matched(context.getDeployment().getPrefix(), parent, path == null ? "" : path.template);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** RESTEasy Reactive maps {@code error} to a response: the {@code error_type} if that is a 5xx. */
    public static void failed(ResteasyReactiveRequestContext context, Throwable error) {
        try {
            RouteSlot slot = error == null ? null : slotOf(context);
            if (slot != null) {
                slot.failed(error);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    private static RouteSlot slotOf(ResteasyReactiveRequestContext context) {
        if (context == null) {
            return null;
        }
        HttpServerRequest request = context.serverRequest().unwrap(HttpServerRequest.class);
        if (!(request instanceof HttpServerRequestInternal)) {
            return null;
        }
        Context vertxContext = ((HttpServerRequestInternal) request).context();
        Object slot = vertxContext == null ? null : vertxContext.getLocal(RouteSlot.CONTEXT_LOCAL);
        return slot instanceof RouteSlot ? (RouteSlot) slot : null;
    }
}
