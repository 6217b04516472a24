package dev.weft.instrumentation.vertx;

import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.Weft;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route of a Vert.x Web request: the path of the route whose handler runs, with its parameters
 * written as templates ({@code /items/:id} is {@code /items/{id}}), under the paths of the routes
 * its sub-routers are mounted on ({@code /api/*} and {@code /items/:id}: {@code /api/items/{id}}).
 * A prefix route keeps its star ({@code /static/*}); a route for every path, or one given as a
 * regular expression, has no template: the path heuristic applies.
 *
 * <p>Not loaded by the agent: injected into Vert.x Web's class loader; never throws into Vert.x.
 */
public final class WebRoutes {

    /** Routes come from the application's code; the bound only keeps a pathological one finite. */
    private static final int MAX_CACHED = 1024;
    private static final ConcurrentHashMap<String, String> EXACT = new ConcurrentHashMap<String, String>();
    private static final ConcurrentHashMap<String, String> PREFIX = new ConcurrentHashMap<String, String>();

    private WebRoutes() {}

    /** The handler of the context's current route is about to run: its template becomes the request's route. */
    public static void handling(RoutingContext context) {
        try {
            RouteSlot slot = slotOf(context.request());
            if (slot == null) {
                return;
            }
            Route route = context.currentRoute();
            String path = route == null ? null : route.getPath();
            if (path == null) {
                slot.matched(null, null, null);
                return;
            }
            String template = route.isExactPath() ? template(EXACT, path, "") : template(PREFIX, path, "*");
            slot.matched(mountedAt(context), null, template);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** A handler failed the routing with {@code failure}. */
    public static void failed(RoutingContext context, Throwable failure) {
        try {
            RouteSlot slot = failure == null ? null : slotOf(context.request());
            if (slot != null) {
                slot.failed(failure);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /**
     * The template a sub-router's context is mounted at: the path of the route its parent context
     * is running (the mount route), under that context's own mount; null for the root router.
     */
    private static String mountedAt(RoutingContext context) {
        if (!(context instanceof RoutingContextInternal)) {
            return null;
        }
        RoutingContextInternal parent = ((RoutingContextInternal) context).parent();
        if (parent == null) {
            return null;
        }
        Route mount = parent.currentRoute();
        String path = mount == null ? null : mount.getPath();
        if (path == null) {
            return mountedAt(parent);
        }
        String here = template(EXACT, path, "");
        String above = mountedAt(parent);
        return above == null ? here : above + here; // a sub-router in a sub-router: rare enough to join
    }

    private static RouteSlot slotOf(HttpServerRequest request) {
        if (!(request instanceof HttpServerRequestInternal)) {
            return null;
        }
        Context context = ((HttpServerRequestInternal) request).context();
        Object slot = context == null ? null : context.getLocal(RouteSlot.CONTEXT_LOCAL);
        return slot instanceof RouteSlot ? (RouteSlot) slot : null;
    }

    /** A Vert.x path with its {@code :name} parameters as {@code {name}}, then {@code suffix}; cached. */
    private static String template(ConcurrentHashMap<String, String> cache, String path, String suffix) {
        String template = cache.get(path);
        if (template == null) {
            template = convert(path) + suffix;
            if (cache.size() < MAX_CACHED) {
                cache.put(path, template);
            }
        }
        return template;
    }

    /** {@code /items/:id} to {@code /items/{id}}; parameter names as Vert.x Web reads them. */
    static String convert(String path) {
        if (path.indexOf(':') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            int end = i + 1;
            while (c == ':' && end < path.length() && isNameChar(path.charAt(end))) {
                end++;
            }
            if (end > i + 1) {
                out.append('{').append(path, i + 1, end).append('}');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
