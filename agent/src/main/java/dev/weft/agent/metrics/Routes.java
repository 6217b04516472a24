package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns what a request matched into a low-cardinality {@code http_route} value (DESIGN.md §4).
 *
 * <ul>
 *   <li>a servlet mapping: the pattern with the context path in front, {@code /shop/api/*};</li>
 *   <li>the default servlet: the path with id-like segments replaced, {@code /files/{id}/raw},
 *       at most {@value #MAX_DEPTH} segments deep;</li>
 *   <li>a 404 from the default servlet: {@value #UNMATCHED}, so that scanners probing random URLs
 *       add no series.</li>
 * </ul>
 *
 * Results are cached so a request that matched a known mapping builds no string; the path cache
 * is bounded, since paths come from clients.
 */
final class Routes {

    static final String UNMATCHED = "unmatched";
    static final String ID = "{id}";
    static final int MAX_DEPTH = 4;
    private static final int MAX_CACHED_PATHS = 4096;

    private final ConcurrentMap<String, ConcurrentMap<String, String>> mapped =
            new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
    private final ConcurrentMap<String, ConcurrentMap<String, String>> paths =
            new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
    private final AtomicInteger cachedPaths = new AtomicInteger();

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

    String path(String contextPath, String path, int status) {
        if (status == 404) {
            return UNMATCHED;
        }
        String context = contextPath == null ? "" : contextPath;
        String key = path == null ? "" : path;
        ConcurrentMap<String, String> byPath = paths.get(context);
        String route = byPath == null ? null : byPath.get(key);
        if (route != null) {
            return route;
        }
        route = join(context, normalise(key));
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

    /** The context path and a servlet pattern as one route: "" is the context root, *.ext gets a slash. */
    private static String join(String context, String pattern) {
        if (pattern.isEmpty()) {
            return context.isEmpty() ? "/" : context;
        }
        if (pattern.startsWith("*.")) {
            return context + "/" + pattern;
        }
        return context + pattern;
    }

    /** {@code /users/42/orders/7f9c...} becomes {@code /users/{id}/orders/{id}}; deeper paths end in {@code /**}. */
    static String normalise(String path) {
        StringBuilder route = new StringBuilder(path.length());
        int depth = 0;
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                if (depth == MAX_DEPTH) {
                    route.append("/**");
                    break;
                }
                route.append('/');
                if (isIdLike(path, start, end)) {
                    route.append(ID);
                } else {
                    route.append(path, start, end);
                }
                depth++;
            }
            start = end + 1;
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    /**
     * Numbers, UUIDs, long hex strings and long random-looking tokens (letters and digits mixed):
     * the segments that make one URL per user, order or file.
     */
    static boolean isIdLike(String s, int start, int end) {
        int length = end - start;
        if (length > 64) {
            return true;
        }
        boolean digits = true;
        boolean hex = true;
        boolean tokenChars = true;
        boolean anyDigit = false;
        boolean anyLetter = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            anyDigit |= digit;
            anyLetter |= letter;
            digits &= digit;
            hex &= digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            tokenChars &= digit || letter || c == '-' || c == '_';
        }
        if (digits) {
            return true;
        }
        if (length == 36 && isUuid(s, start)) {
            return true;
        }
        return length >= 16 && (hex || (tokenChars && anyDigit && anyLetter));
    }

    private static boolean isUuid(String s, int start) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hexDigit) {
                return false;
            }
        }
        return true;
    }
}
