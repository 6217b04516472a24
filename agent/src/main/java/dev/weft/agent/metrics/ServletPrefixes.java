package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a servlet mapping puts in front of the paths its servlet sees, and so in front of a
 * framework's templates: {@code /api} for {@code /api/*}, the path itself for an exact mapping,
 * nothing for the default servlet and extension mappings.
 *
 * <p>Mappings come from the application's configuration, so there are few; each is worked out once
 * and kept, and a request builds no string. Past {@value #MAX_CACHED} patterns they are still
 * worked out, only not kept.
 */
final class ServletPrefixes {

    private static final int MAX_CACHED = 1024;

    private final ConcurrentMap<String, String> byPattern = new ConcurrentHashMap<String, String>();

    String of(String pattern) {
        if (pattern == null) {
            return "";
        }
        String prefix = byPattern.get(pattern);
        if (prefix == null) {
            prefix = prefix(pattern);
            if (byPattern.size() < MAX_CACHED) {
                byPattern.putIfAbsent(pattern, prefix);
            }
        }
        return prefix;
    }

    static String prefix(String pattern) {
        if (pattern.isEmpty() || pattern.equals("/") || pattern.startsWith("*.")) {
            return "";
        }
        return pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
    }
}
