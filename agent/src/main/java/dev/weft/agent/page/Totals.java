package dev.weft.agent.page;

import dev.weft.agent.metrics.DurationReader;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cumulative counts of one duration histogram at one instant, per key (a route, or a client's
 * {@code host:port}), summed over its series (methods, statuses, error types):
 *
 * <pre>{@code
 * Totals now = Totals.read(bounds, metrics.server()::readDurations);
 * long[] t = now.of("/hello");   // {requests, errors, bucket 0, ..., bucket n-1, above the last bound}
 * }</pre>
 *
 * <p>Buckets are counted per bucket (not cumulatively) at the configured duration bounds. A native
 * histogram ({@code WEFT_HISTOGRAMS=native}) has its exponential buckets regrouped at those bounds:
 * each goes to the first bound at or above its own upper bound, so a value is placed at most one
 * native bucket (about 2%) higher than it was.
 */
final class Totals {

    static final int REQUESTS = 0;
    static final int ERRORS = 1;
    /** Index of the first bucket count in a row. */
    static final int BUCKETS = 2;

    /** A relative tolerance for native bounds computed as powers of two, e.g. 2^-1 for a bound of 0.5. */
    private static final double SAME_BOUND = 1e-9;

    private final double[] bounds;
    private final Map<String, long[]> rows;
    private final Map<String, Set<String>> methods;
    private final int series;

    private Totals(double[] bounds, Map<String, long[]> rows, Map<String, Set<String>> methods, int series) {
        this.bounds = bounds;
        this.rows = rows;
        this.methods = methods;
        this.series = series;
    }

    /** Nothing recorded yet: what the first interval is measured from. */
    static Totals empty(double[] bounds) {
        return new Totals(bounds, Collections.<String, long[]>emptyMap(), Collections.<String, Set<String>>emptyMap(), 0);
    }

    /** How a histogram is read: {@code metrics.server()::readDurations}. */
    interface Source {
        void readDurations(DurationReader reader);
    }

    static Totals read(final double[] bounds, Source source) {
        final Map<String, long[]> rows = new HashMap<String, long[]>();
        final Map<String, Set<String>> methods = new HashMap<String, Set<String>>();
        final int[] series = {0};
        source.readDurations((key, method, failed, data) -> {
            long[] row = rows.get(key);
            if (row == null) {
                row = new long[BUCKETS + bounds.length + 1];
                rows.put(key, row);
                methods.put(key, new TreeSet<String>());
            }
            long before = sum(row);
            addBuckets(bounds, data, row);
            long requests = sum(row) - before;
            row[REQUESTS] += requests;
            if (failed) {
                row[ERRORS] += requests;
            }
            if (requests > 0 && method != null) {
                methods.get(key).add(method);
            }
            series[0]++;
        });
        return new Totals(bounds, rows, methods, series[0]);
    }

    private static long sum(long[] row) {
        long n = 0;
        for (int i = BUCKETS; i < row.length; i++) {
            n += row[i];
        }
        return n;
    }

    /** Adds a series' observations to the row's buckets, regrouping native buckets at the bounds. */
    static void addBuckets(double[] bounds, HistogramDataPointSnapshot data, long[] row) {
        if (data.hasClassicHistogramData()) {
            ClassicHistogramBuckets classic = data.getClassicBuckets();
            for (int i = 0; i < classic.size(); i++) {
                row[BUCKETS + slot(bounds, classic.getUpperBound(i))] += classic.getCount(i);
            }
        } else if (data.hasNativeHistogramData()) {
            // durations are not negative: the zero bucket and any negative ones hold the shortest
            row[BUCKETS] += data.getNativeZeroCount();
            NativeHistogramBuckets negative = data.getNativeBucketsForNegativeValues();
            for (int i = 0; i < negative.size(); i++) {
                row[BUCKETS] += negative.getCount(i);
            }
            NativeHistogramBuckets positive = data.getNativeBucketsForPositiveValues();
            double exponent = Math.pow(2, -data.getNativeSchema());
            for (int i = 0; i < positive.size(); i++) {
                double upper = Math.pow(2, positive.getBucketIndex(i) * exponent);
                row[BUCKETS + slot(bounds, upper)] += positive.getCount(i);
            }
        }
    }

    /** The bucket of the first bound at or above {@code upper}; {@code bounds.length} above them all. */
    static int slot(double[] bounds, double upper) {
        for (int i = 0; i < bounds.length; i++) {
            if (upper <= bounds[i] * (1 + SAME_BOUND)) {
                return i;
            }
        }
        return bounds.length;
    }

    double[] bounds() {
        return bounds;
    }

    /** The key's row, or null when it has no series. */
    long[] of(String key) {
        return rows.get(key);
    }

    Set<String> keys() {
        return rows.keySet();
    }

    /** The methods the key's requests used, in order. */
    Set<String> methods(String key) {
        Set<String> m = methods.get(key);
        return m == null ? Collections.<String>emptySet() : m;
    }

    /** Label sets read: what the histogram holds of its series budget. */
    int series() {
        return series;
    }
}
