package dev.weft.agent.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Route templates the user declares with {@code WEFT_ROUTES}, matched before the path heuristic.
 *
 * <pre>{@code
 * UserRoutes routes = UserRoutes.parse(Arrays.asList("/owners/{id}/pets/{petId}", "/files/**"));
 * routes.match("/owners/7/pets/3")   // "/owners/{id}/pets/{petId}"
 * routes.match("/files/a/b.txt")     // "/files/**"
 * routes.match("/vets")              // null: the heuristic decides
 * }</pre>
 *
 * Grammar, one pattern per entry: it starts with {@code /}; each segment is a literal matched
 * exactly (case-sensitive), {@code {name}} matching any one segment, or {@code **} (last segment
 * only) matching the rest of the path, including nothing. The first pattern that matches, in the
 * order given, wins; its text is the route. The path is compared without query, empty segments or
 * trailing slash, as the heuristic sees it. Matching allocates nothing.
 */
public final class UserRoutes {

    public static final UserRoutes NONE = new UserRoutes(Collections.<Pattern>emptyList());

    private final Pattern[] patterns;

    private UserRoutes(List<Pattern> patterns) {
        this.patterns = patterns.toArray(new Pattern[0]);
    }

    /**
     * Checks and compiles the patterns.
     *
     * @throws IllegalArgumentException naming the first bad pattern and what is wrong with it
     */
    public static UserRoutes parse(List<String> patterns) {
        List<Pattern> parsed = new ArrayList<Pattern>();
        for (String p : patterns) {
            parsed.add(Pattern.parse(p.trim()));
        }
        return parsed.isEmpty() ? NONE : new UserRoutes(parsed);
    }

    /** The first pattern matching the path (relative to the context path), or {@code null}. */
    String match(String path) {
        for (Pattern p : patterns) {
            if (p.matches(path)) {
                return p.text;
            }
        }
        return null;
    }

    /** One compiled pattern: literal segments, {@code null} for a variable, and whether {@code **} ends it. */
    private static final class Pattern {
        final String text;
        final String[] segments;
        final boolean rest;

        private Pattern(String text, String[] segments, boolean rest) {
            this.text = text;
            this.segments = segments;
            this.rest = rest;
        }

        static Pattern parse(String text) {
            if (!text.startsWith("/")) {
                throw bad(text, "it must start with / (for example /owners/{id})");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '?' || c == '#' || c == ';' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw bad(text, "it may hold path segments only: no query, spaces or ;");
                }
            }
            String trimmed = text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            List<String> segments = new ArrayList<String>();
            boolean rest = false;
            String[] pieces = trimmed.equals("/") ? new String[0] : trimmed.substring(1).split("/", -1);
            for (int i = 0; i < pieces.length; i++) {
                String s = pieces[i];
                if (s.isEmpty()) {
                    throw bad(text, "it has an empty segment (//)");
                }
                if (s.equals("**")) {
                    if (i != pieces.length - 1) {
                        throw bad(text, "** may only be the last segment (for example /files/**)");
                    }
                    rest = true;
                } else if (s.startsWith("{") && s.endsWith("}")) {
                    String name = s.substring(1, s.length() - 1);
                    if (!isName(name)) {
                        throw bad(text, "a variable is {name} with letters, digits or _ in the name, and fills a whole segment");
                    }
                    segments.add(null);
                } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0 || s.indexOf('*') >= 0) {
                    throw bad(text, "{name} and ** must fill a whole segment (\"" + s + "\" mixes them with text)");
                } else {
                    segments.add(s);
                }
            }
            return new Pattern(trimmed, segments.toArray(new String[0]), rest);
        }

        private static boolean isName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '_') {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException bad(String text, String why) {
            return new IllegalArgumentException("\"" + text + "\": " + why);
        }

        /** Walks the path's segments against the pattern's without building substrings. */
        boolean matches(String path) {
            int length = path.length();
            for (int i = 0; i < length; i++) {
                char c = path.charAt(i);
                if (c == '?' || c == '#') {
                    length = i;
                    break;
                }
            }
            int index = 0;
            int start = 0;
            while (start < length) {
                int end = path.indexOf('/', start);
                if (end < 0 || end > length) {
                    end = length;
                }
                int segmentEnd = start;
                while (segmentEnd < end && path.charAt(segmentEnd) != ';') {
                    segmentEnd++;
                }
                if (segmentEnd > start) {
                    if (index == segments.length) {
                        return rest;
                    }
                    String literal = segments[index];
                    if (literal != null && !(literal.length() == segmentEnd - start
                            && path.regionMatches(start, literal, 0, literal.length()))) {
                        return false;
                    }
                    index++;
                }
                start = end + 1;
            }
            return index == segments.length;
        }
    }
}
