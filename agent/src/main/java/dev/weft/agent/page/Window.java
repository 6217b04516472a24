package dev.weft.agent.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One histogram's figures over the page's window, per key, busiest first: what the page prints.
 *
 * <pre>{@code
 * Window w = routes.window(System.nanoTime());
 * for (Window.Row r : w.rows) {
 *     r.key; r.requests; r.errors; w.rate(r); r.quantile(0.95);   // the whole window, up to now
 *     r.rates; r.errorRates; r.p95s;                              // per closed interval, for the charts
 * }
 * }</pre>
 *
 * <p>The window is the closed intervals of the ring and the interval still running, so a request
 * made a moment ago is counted. The charts have one slot per interval the ring can hold, newest on
 * the right, and show closed intervals only: the running one would be a bar over a fraction of the
 * time.
 */
final class Window {

    final double[] bounds;
    final List<Row> rows;
    /** Slots of a chart: the intervals the ring can hold. */
    final int slots;
    /** From the start of the oldest interval to now. */
    final double seconds;
    /** Requests to keys beyond the number the page follows. */
    final long unfollowedRequests;
    /** Label sets the histogram holds. */
    final int series;

    Window(double[] bounds, List<Interval> closed, Interval running, Totals current, int slots, double seconds) {
        this.bounds = bounds;
        this.slots = slots;
        this.seconds = seconds;
        this.series = current.series();
        Set<String> keys = new HashSet<String>();
        long unfollowed = running.unfollowedRequests;
        for (Interval i : closed) {
            unfollowed += i.unfollowedRequests;
            for (String key : i.keys()) {
                keys.add(key);
            }
        }
        for (String key : running.keys()) {
            keys.add(key);
        }
        this.unfollowedRequests = unfollowed;
        List<Row> rows = new ArrayList<Row>(keys.size());
        for (String key : keys) {
            rows.add(new Row(key, current.methods(key), bounds, closed, running, slots));
        }
        Collections.sort(rows, (a, b) -> a.requests != b.requests ? Long.compare(b.requests, a.requests)
                : a.key.compareTo(b.key));
        this.rows = Collections.unmodifiableList(rows);
    }

    /** Requests a second over the whole window. */
    double rate(Row row) {
        return seconds > 0 ? row.requests / seconds : 0;
    }

    /** One key's figures. */
    static final class Row {
        final String key;
        final Set<String> methods;
        final long requests;
        final long errors;
        /** Per bucket over the window, the last one above the last bound. */
        final long[] buckets;
        /** Per chart slot: requests a second, NaN before the ring's first interval. */
        final double[] rates;
        /** Per chart slot: failed requests a second. */
        final double[] errorRates;
        /** Per chart slot: the interval's estimated 95th percentile; NaN without requests. */
        final double[] p95s;
        private final double[] bounds;

        Row(String key, Set<String> methods, double[] bounds, List<Interval> closed, Interval running, int slots) {
            this.key = key;
            this.methods = methods;
            long[] sum = new long[Totals.BUCKETS + bounds.length + 1];
            rates = new double[slots];
            errorRates = new double[slots];
            p95s = new double[slots];
            Arrays.fill(rates, Double.NaN);
            Arrays.fill(errorRates, Double.NaN);
            Arrays.fill(p95s, Double.NaN);
            int first = slots - closed.size();
            long[] one = new long[bounds.length + 1];
            for (int j = 0; j < closed.size(); j++) {
                Interval interval = closed.get(j);
                int[] row = interval.row(key);
                double s = Math.max(interval.seconds(), 1e-3);
                int slot = first + j;
                if (row == null) {
                    rates[slot] = 0;
                    errorRates[slot] = 0;
                    continue;
                }
                add(sum, row);
                rates[slot] = row[Totals.REQUESTS] / s;
                errorRates[slot] = row[Totals.ERRORS] / s;
                for (int b = 0; b < one.length; b++) {
                    one[b] = row[Totals.BUCKETS + b];
                }
                p95s[slot] = Quantiles.estimate(0.95, bounds, one);
            }
            int[] now = running.row(key);
            if (now != null) {
                add(sum, now);
            }
            requests = sum[Totals.REQUESTS];
            errors = sum[Totals.ERRORS];
            buckets = Arrays.copyOfRange(sum, Totals.BUCKETS, sum.length);
            this.bounds = bounds;
        }

        private static void add(long[] sum, int[] row) {
            for (int i = 0; i < row.length; i++) {
                sum[i] += row[i];
            }
        }

        /** The estimated {@code q} quantile over the window, in seconds (see {@link Quantiles}). */
        double quantile(double q) {
            return Quantiles.estimate(q, bounds, buckets);
        }

        /** Failed requests as a share of all, 0 to 1. */
        double errorRatio() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }
}
