package dev.weft.smoke.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors in a PromQL expression: {@code PromQlSelectors.of("sum by (le) (rate(x_bucket{a=~\"b\"}[5m]))")}
 * gives one {@link Selector} for {@code x_bucket} with the matcher {@code a=~"b"}. Function and
 * aggregation names, grouping label lists, keywords, numbers, durations and strings are skipped.
 * Enough for the dashboard's expressions, not a full PromQL parser.
 */
final class PromQlSelectors {

    /** One matcher: label, operator (=, !=, =~, !~) and value. */
    static final class LabelMatcher {
        final String label;
        final String op;
        final String value;

        LabelMatcher(String label, String op, String value) {
            this.label = label;
            this.op = op;
            this.value = value;
        }

        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            switch (op) {
                case "=": return v.equals(value);
                case "!=": return !v.equals(value);
                case "=~": return v.matches(value);
                case "!~": return !v.matches(value);
                default: throw new IllegalStateException(op);
            }
        }

        @Override
        public String toString() {
            return label + op + '"' + value + '"';
        }
    }

    /** A metric name with its matchers. */
    static final class Selector {
        final String metric;
        final List<LabelMatcher> matchers;

        Selector(String metric, List<LabelMatcher> matchers) {
            this.metric = metric;
            this.matchers = matchers;
        }

        /** True when the labels satisfy every matcher except those on the given labels. */
        boolean matches(Map<String, String> labels, Set<String> ignoredLabels) {
            for (LabelMatcher m : matchers) {
                if (!ignoredLabels.contains(m.label) && !m.matches(labels.get(m.label))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return metric + matchers;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private static final Pattern GROUPING_LIST =
            Pattern.compile("\\b(?:by|on|group_left|group_right)\\s*\\(([^)]*)\\)");

    private PromQlSelectors() {}

    /** Label names in the expression's by, on, group_left and group_right lists (not without or ignoring). */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new java.util.TreeSet<>();
        Matcher m = GROUPING_LIST.matcher(expr);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.trim().isEmpty()) {
                    labels.add(label.trim());
                }
            }
        }
        return labels;
    }

    static List<Selector> of(String expr) {
        List<Selector> selectors = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // a number or a duration such as 2m
                }
            } else if (c == '{') {
                int end = closing(expr, i, '{', '}');
                selectors.add(new Selector(null, matchers(expr.substring(i + 1, end))));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (GROUPING.contains(word)) {
                    i = next < n && expr.charAt(next) == '(' ? closing(expr, next, '(', ')') + 1 : next;
                } else if (AGGREGATIONS.contains(word) || (next < n && expr.charAt(next) == '(')) {
                    i = next; // a function or aggregation: its grouping and arguments are read next
                } else if (!KEYWORDS.contains(word.toLowerCase())) {
                    List<LabelMatcher> matchers = List.of();
                    if (next < n && expr.charAt(next) == '{') {
                        int end = closing(expr, next, '{', '}');
                        matchers = matchers(expr.substring(next + 1, end));
                        i = end + 1;
                    }
                    selectors.add(new Selector(word, matchers));
                }
            } else {
                i++;
            }
        }
        for (Selector s : selectors) {
            if (s.metric == null) {
                throw new IllegalArgumentException("a selector without a metric name in " + expr);
            }
        }
        return selectors;
    }

    private static List<LabelMatcher> matchers(String body) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher m = MATCHER.matcher(body);
        int at = 0;
        while (at < body.length() && m.find(at) && m.start() == at) {
            matchers.add(new LabelMatcher(m.group(1), m.group(2), m.group(3).replace("\\\\", "\\")));
            at = m.end();
        }
        if (at != body.trim().length() && !body.substring(at).trim().isEmpty()) {
            throw new IllegalArgumentException("cannot read the matchers {" + body + "}");
        }
        return matchers;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int closing(String s, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                i = skipString(s, i) - 1;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + o + " in " + s);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Metric name to selectors, for reports. */
    static Map<String, List<Selector>> byMetric(List<Selector> selectors) {
        Map<String, List<Selector>> map = new LinkedHashMap<>();
        for (Selector s : selectors) {
            map.computeIfAbsent(s.metric, k -> new ArrayList<>()).add(s);
        }
        return map;
    }
}
