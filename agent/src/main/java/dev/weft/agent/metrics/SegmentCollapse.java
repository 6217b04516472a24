package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Folds a guessed route's path segments to {@value #ANY} once their position has seen too many
 * distinct words ({@code WEFT_ROUTE_SEGMENT_VALUES}, 10 by default). The heuristic
 * ({@link PathTemplater}) replaces what looks like an id, but a front controller mapped at
 * {@code /*} (WireMock, Vaadin, a hand-written dispatcher) gets paths whose words are data too:
 * {@code /app/alice/...}, {@code /app/bob/...}. Counted per position under the same prefix, the
 * first values keep their name and later ones share a route:
 *
 * <pre>{@code
 * /app/api/items/{id}        kept: "api" was among the first 10 words after /app
 * /app/cart/{id}             kept
 * /app/qzxw/{id}/{id}        the 11th distinct word after /app ...
 *   -> /app/{*}/{id}/{id}    ... and every later one
 * }</pre>
 *
 * Segments that are already placeholders ({@code {id}}, {@code **}) do not count. The tree of
 * positions is bounded as a whole ({@value #MAX_NODES} nodes); past that every new word folds.
 * Decisions never change once made, so a route cached for a path stays right.
 */
final class SegmentCollapse {

    static final String ANY = "{*}";
    static final int DEFAULT_VALUES = 10;
    static final int MAX_NODES = 4096;

    private final int maxValues;
    /** A tree per context path: applications deployed side by side do not share a limit. */
    private final ConcurrentHashMap<String, Node> roots = new ConcurrentHashMap<String, Node>();
    private final AtomicInteger nodes = new AtomicInteger();

    /** @param maxValues distinct words a position keeps; 0 turns folding off */
    SegmentCollapse(int maxValues) {
        this.maxValues = maxValues;
    }

    /** The guessed route with its words past the limit folded; {@code route} itself when nothing folds. */
    String collapse(String contextPath, String route) {
        if (maxValues <= 0 || route.length() < 2) {
            return route;
        }
        Node node = roots.get(contextPath);
        if (node == null) {
            Node raced = roots.putIfAbsent(contextPath, node = new Node());
            if (raced != null) {
                node = raced;
            }
        }
        StringBuilder folded = null;
        int start = 1;
        while (start <= route.length()) {
            int end = route.indexOf('/', start);
            if (end < 0) {
                end = route.length();
            }
            String segment = route.substring(start, end);
            String kept = segment;
            if (!isPlaceholder(segment)) {
                Node child = node.children.get(segment);
                if (child == null) {
                    child = node.admit(segment, this);
                }
                if (child == null) {
                    kept = ANY;
                    child = node.any();
                }
                node = child;
            } else {
                node = node.placeholder(segment);
            }
            if (kept != segment && folded == null) {
                folded = new StringBuilder(route.length()).append(route, 0, start);
            }
            if (folded != null) {
                folded.append(kept);
                if (end < route.length()) {
                    folded.append('/');
                }
            }
            start = end + 1;
        }
        return folded == null ? route : folded.toString();
    }

    /** Only what the heuristic writes: a literal "{x}" from a request path is a word like any other. */
    private static boolean isPlaceholder(String segment) {
        return segment.isEmpty() || segment.equals(PathTemplater.ID) || segment.equals("**") || segment.equals(ANY);
    }

    private boolean reserveNode() {
        if (nodes.incrementAndGet() > MAX_NODES) {
            nodes.decrementAndGet();
            return false;
        }
        return true;
    }

    /** One position under one prefix: the words it kept, and where folded and placeholder segments go. */
    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<String, Node>();
        private int words; // guarded by this
        private volatile Node any;

        /** The child for a new word, or null when this position has kept all it may. */
        synchronized Node admit(String segment, SegmentCollapse limits) {
            Node child = children.get(segment);
            if (child != null) {
                return child;
            }
            if (words >= limits.maxValues || !limits.reserveNode()) {
                return null;
            }
            child = new Node();
            children.put(segment, child);
            words++;
            return child;
        }

        /** Placeholders (a fixed few) share the map with words; they are not counted against the limit. */
        Node placeholder(String segment) {
            Node child = children.get(segment);
            if (child == null) {
                synchronized (this) {
                    child = children.get(segment);
                    if (child == null) {
                        child = new Node();
                        children.put(segment, child);
                    }
                }
            }
            return child;
        }

        Node any() {
            Node a = any;
            if (a == null) {
                a = placeholder(ANY);
                any = a;
            }
            return a;
        }
    }
}
