package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns what a request matched into a low-cardinality {@code http_route} value (DESIGN.md §4).
 *
 * <pre>{@code
 * Routes routes = new Routes(UserRoutes.parse(Arrays.asList("/owners/{id}")));
 * routes.mapped("/shop", "/api/*")            // "/shop/api/*"     a servlet mapping, context path in front
 * routes.path("/shop", "/owners/7", 200)       // "/shop/owners/{id}" a WEFT_ROUTES pattern
 * routes.path("", "/img/12345.png", 200)       // "/img/{id}"        the heuristic ({@link PathTemplater}),
 *                                              //                    its words bounded ({@link SegmentCollapse})
 * routes.path("", "/wp-login.php", 404)        // "unmatched"
 * }</pre>
 *
 * For the default servlet, user patterns come first, then a 404 or 405 becomes {@value #UNMATCHED}
 * (so that scanners probing random URLs add no series), then the heuristic. Results are cached so a
 * request that matched a known mapping or path builds no string; the path cache is bounded, since
 * paths come from clients.
 */
final class Routes {

    static final String UNMATCHED = "unmatched";
    private static final int MAX_CACHED_PATHS = 1024;

    private final UserRoutes userRoutes;
    private final SegmentCollapse collapse;
    private final ConcurrentMap<String, ConcurrentMap<String, String>> mapped =
            new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
    private final ConcurrentMap<String, ConcurrentMap<String, String>> paths =
            new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
    private final AtomicInteger cachedPaths = new AtomicInteger();

    Routes() {
        this(UserRoutes.NONE, SegmentCollapse.DEFAULT_VALUES);
    }

    Routes(UserRoutes userRoutes) {
        this(userRoutes, SegmentCollapse.DEFAULT_VALUES);
    }

    /** @param segmentValues distinct words a guessed route keeps per position ({@link SegmentCollapse}) */
    Routes(UserRoutes userRoutes, int segmentValues) {
        this.userRoutes = userRoutes;
        this.collapse = new SegmentCollapse(segmentValues);
    }

    /** Not found or method not allowed: what scanners and mistyped URLs get. */
    static boolean isMiss(int status) {
        return status == 404 || status == 405;
    }

    String mapped(String contextPath, String pattern) {
        String context = contextPath == null ? "" : contextPath;
        String key = pattern == null ? "" : pattern;
        ConcurrentMap<String, String> byPattern = mapped.get(context);
        if (byPattern == null) {
            byPattern = new ConcurrentHashMap<String, String>();
            ConcurrentMap<String, String> raced = mapped.putIfAbsent(context, byPattern);
            if (raced != null) {
                byPattern = raced;
            }
        }
        String route = byPattern.get(key);
        if (route == null) {
            route = join(context, key);
            byPattern.putIfAbsent(key, route);
        }
        return route;
    }

    /** The route of a path under the context, or of a raw request target (its query and authority dropped). */
    String path(String contextPath, String path, int status) {
        String context = contextPath == null ? "" : contextPath;
        String key = path == null || path.isEmpty() ? "" : RequestTarget.path(path);
        if (isMiss(status) && userRoutes.match(key) == null) {
            return UNMATCHED;
        }
        ConcurrentMap<String, String> byPath = paths.get(context);
        String route = byPath == null ? null : byPath.get(key);
        if (route != null) {
            return route;
        }
        String user = userRoutes.match(key);
        route = join(context, user != null ? user : collapse.collapse(context, PathTemplater.template(key)));
        if (cachedPaths.get() < MAX_CACHED_PATHS) {
            if (byPath == null) {
                byPath = new ConcurrentHashMap<String, String>();
                ConcurrentMap<String, String> raced = paths.putIfAbsent(context, byPath);
                if (raced != null) {
                    byPath = raced;
                }
            }
            if (byPath.putIfAbsent(key, route) == null) {
                cachedPaths.incrementAndGet();
            }
        }
        return route;
    }

    /** The context path and a servlet pattern as one route: "" and "/" are the context root, *.ext gets a slash. */
    private static String join(String context, String pattern) {
        if (pattern.isEmpty() || pattern.equals("/")) {
            return context.isEmpty() ? "/" : context;
        }
        if (pattern.startsWith("*.")) {
            return context + "/" + pattern;
        }
        return context + pattern;
    }
}
