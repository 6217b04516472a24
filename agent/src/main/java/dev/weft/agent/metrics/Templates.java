package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes from a web framework's templates (JAX-RS {@code @Path}, Spring MVC patterns), put behind
 * the prefix they are served under.
 *
 * <pre>{@code
 * templates.route("/shop/api", "users/{id: [0-9]+}/")   // "/shop/api/users/{id}"
 * templates.route("", "/")                               // "/"
 * templates.route("/api", "/users", "{id}/orders")        // "/api/users/{id}/orders"
 * }</pre>
 *
 * Regular expressions are dropped from variables, so {@code {id: [0-9]+}} and {@code {id}} are one
 * route; URI-template operators are resolved ({@code /search{?q}} is {@code /search}, {@code /files{/name}}
 * is {@code /files/{name}}); slashes are made single, with none at the end. Templates come from the application's code,
 * so their number is small, but the cache is bounded anyway: past the bound, routes are still
 * computed, only not kept.
 */
final class Templates {

    private static final int MAX_CACHED = 4096;

    private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, String>>> byPrefix =
            new ConcurrentHashMap<String, ConcurrentMap<String, ConcurrentMap<String, String>>>();
    private final AtomicInteger cached = new AtomicInteger();

    String route(String prefix, String template) {
        return route(prefix, null, template);
    }

    /** The route of a handler template under its parent templates (or {@code null}) and the prefix. */
    String route(String prefix, String parent, String template) {
        String p = prefix == null ? "" : prefix;
        String up = parent == null ? "" : parent;
        String t = template == null ? "" : template;
        ConcurrentMap<String, ConcurrentMap<String, String>> byParent = byPrefix.get(p);
        ConcurrentMap<String, String> byTemplate = byParent == null ? null : byParent.get(up);
        String route = byTemplate == null ? null : byTemplate.get(t);
        if (route != null) {
            return route;
        }
        route = compose(p, up.isEmpty() ? t : up + "/" + t);
        if (cached.get() < MAX_CACHED) {
            if (byParent == null) {
                byParent = new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
                ConcurrentMap<String, ConcurrentMap<String, String>> raced = byPrefix.putIfAbsent(p, byParent);
                byParent = raced != null ? raced : byParent;
            }
            if (byTemplate == null) {
                byTemplate = new ConcurrentHashMap<String, String>();
                ConcurrentMap<String, String> raced = byParent.putIfAbsent(up, byTemplate);
                byTemplate = raced != null ? raced : byTemplate;
            }
            if (byTemplate.putIfAbsent(t, route) == null) {
                cached.incrementAndGet();
            }
        }
        return route;
    }

    /** The prefix and the template joined by single slashes, variables without their expressions. */
    static String compose(String prefix, String template) {
        StringBuilder out = new StringBuilder(prefix.length() + template.length() + 2);
        append(out, prefix);
        append(out, "/");
        append(out, template);
        int end = out.length();
        while (end > 1 && out.charAt(end - 1) == '/') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    /** Appends one path piece: no doubled slashes, {@code {name: regex}} as {@code {name}}. */
    private static void append(StringBuilder out, String piece) {
        int i = 0;
        while (i < piece.length()) {
            char c = piece.charAt(i);
            if (c == '/') {
                if (out.length() == 0 || out.charAt(out.length() - 1) != '/') {
                    out.append('/');
                }
                i++;
            } else if (c == '{') {
                i = appendVariable(out, piece, i);
            } else {
                if (out.length() == 0) {
                    out.append('/');
                }
                out.append(c);
                i++;
            }
        }
    }

    /**
     * Copies the variable at {@code open} as {@code {name}} and returns the index after its closing brace.
     * A URI-template operator (RFC 6570, Micronaut's routes) says where the variable goes: {@code {/id}}
     * is a segment, {@code {.ext}} a suffix, {@code {+path}} and {@code {#frag}} the variable itself;
     * {@code {?q}}, {@code {&q}} and {@code {;p}} match the query or parameters, not the path, and go.
     */
    private static int appendVariable(StringBuilder out, String piece, int open) {
        char operator = open + 1 < piece.length() ? piece.charAt(open + 1) : '}';
        boolean dropped = operator == '?' || operator == '&' || operator == ';';
        boolean hasOperator = dropped || operator == '/' || operator == '.' || operator == '+' || operator == '#';
        if (out.length() == 0 && !dropped) {
            out.append('/');
        }
        if (operator == '/' && out.charAt(out.length() - 1) != '/') {
            out.append('/');
        } else if (operator == '.') {
            out.append('.');
        }
        int depth = 0;
        int nameEnd = -1;
        int i = open;
        for (; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    break;
                }
            } else if (c == ':' && depth == 1 && nameEnd < 0) {
                nameEnd = i;
            }
        }
        if (!dropped) {
            int nameStart = hasOperator ? open + 2 : open + 1;
            String name = piece.substring(Math.min(nameStart, piece.length()),
                    Math.max(nameStart, nameEnd >= 0 ? nameEnd : Math.min(i, piece.length()))).trim();
            out.append('{').append(name).append('}');
        }
        return i + 1;
    }
}
