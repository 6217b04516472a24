package dev.weft.agent.page;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What one histogram recorded between two readings, per key: requests, errors and per-bucket
 * counts, as rows laid out like {@link Totals}' rows. Only keys that served requests in the
 * interval have a row, so an idle route costs nothing.
 *
 * <pre>{@code
 * Interval i = Interval.between(before, now, beforeNanos, nowNanos, admission);
 * int[] row = i.row("/hello");     // null when /hello served nothing in the interval
 * }</pre>
 *
 * <p>Rows are {@code int}s: ten seconds of a route's requests fit with room to spare, and the ring of
 * intervals the page keeps is its largest piece of memory.
 */
final class Interval {

    final long startNanos;
    final long endNanos;
    private final Map<String, int[]> rows;
    /** Requests to keys that were not admitted (the page follows a bounded number of keys). */
    final long unfollowedRequests;

    private Interval(long startNanos, long endNanos, Map<String, int[]> rows, long unfollowedRequests) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.rows = rows;
        this.unfollowedRequests = unfollowedRequests;
    }

    /** Decides which keys the interval keeps a row for. */
    interface Admission {
        boolean admit(String key);
    }

    /**
     * The difference between two readings of the same histogram. A count that went down (it cannot,
     * the registry's counts only grow; but a reading is not atomic across buckets) counts as 0.
     */
    static Interval between(Totals before, Totals after, long startNanos, long endNanos, Admission admission) {
        Map<String, int[]> rows = new HashMap<String, int[]>();
        long unfollowed = 0;
        for (String key : after.keys()) {
            long[] now = after.of(key);
            long[] then = before.of(key);
            long requests = now[Totals.REQUESTS] - (then == null ? 0 : then[Totals.REQUESTS]);
            if (requests <= 0) {
                continue;
            }
            if (!admission.admit(key)) {
                unfollowed += requests;
                continue;
            }
            int[] row = new int[now.length];
            for (int i = 0; i < now.length; i++) {
                long d = now[i] - (then == null ? 0 : then[i]);
                row[i] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, d));
            }
            rows.put(key, row);
        }
        return new Interval(startNanos, endNanos, rows.isEmpty() ? Collections.<String, int[]>emptyMap() : rows,
                unfollowed);
    }

    int[] row(String key) {
        return rows.get(key);
    }

    Iterable<String> keys() {
        return rows.keySet();
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
