package dev.weft.agent.metrics;

import io.prometheus.metrics.config.ExemplarsProperties;
import io.prometheus.metrics.core.exemplars.ExemplarSampler;
import io.prometheus.metrics.core.exemplars.ExemplarSamplerConfig;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with classic buckets only, whose counters Weft keeps itself and hands to the
 * Prometheus client's registry as a {@link HistogramSnapshot} at scrape time:
 *
 * <pre>
 * http_client_request_duration_seconds_bucket{http_request_method="GET",server_address="api.example.com",server_port="443",le="0.005"} 3
 * ...
 * http_client_request_duration_seconds_bucket{http_request_method="GET",server_address="api.example.com",server_port="443",le="+Inf"} 7
 * http_client_request_duration_seconds_count{http_request_method="GET",server_address="api.example.com",server_port="443"} 7
 * http_client_request_duration_seconds_sum{http_request_method="GET",server_address="api.example.com",server_port="443"} 0.042
 * </pre>
 *
 * <p>Why not the client's {@code Histogram}: an observation there is five atomic updates (an
 * observation counter that lets a scrape wait for observations in flight, the bucket, the count, a
 * {@code DoubleAdder} sum, and the sampler's flag) and a scrape locks every data point. Here it is
 * two, the bucket's {@link LongAdder} and the sum's, kept in whole nanoseconds (or bytes) so that it
 * is a plain addition too; the count is the sum of the buckets, so the two always agree. A
 * {@link LongAdder} stays one uncontended compare-and-set per update on one thread and spreads over
 * cells when threads meet on a series. A scrape reads the adders without stopping observations: an
 * observation in flight shows in the bucket before the sum, or the other way round, never torn.
 *
 * <p>Label values that are empty are left out of the series; each series' labels are built once,
 * when it is created ({@link SortedSeries}).
 */
final class ClassicHistogram extends HistogramFamily implements Collector {

    private final MetricMetadata metadata;
    private final String[] labelNames;
    /** Sorted, ending with +Inf. */
    private final double[] upperBounds;
    /** Per bucket, the largest observed value it counts (the client compares {@code value / perExposedUnit}). */
    private final long[] largestValue;
    private final double perExposedUnit;
    private final ExemplarSamplerConfig exemplars;
    private final ConcurrentHashMap<List<String>, Point> byLabelValues = new ConcurrentHashMap<List<String>, Point>();
    /** Every point, in the order of their labels: the order a snapshot keeps, so sorting it costs one pass. */
    private volatile Point[] sorted = new Point[0];
    /**
     * The family's snapshot of the scrape before, handed out again while no series changed: building
     * one checks and sorts every point and its buckets, which 2,000 idle series would redo each scrape.
     */
    private volatile HistogramSnapshot taken;

    /** @param exemplars the client's exemplar settings, or null for none */
    ClassicHistogram(MetricMetadata metadata, String[] labelNames, double[] bounds, double perExposedUnit,
                     ExemplarsProperties exemplars) {
        this.metadata = metadata;
        this.labelNames = labelNames.clone();
        this.upperBounds = withInfinity(bounds);
        this.perExposedUnit = perExposedUnit;
        this.largestValue = new long[upperBounds.length];
        for (int i = 0; i < upperBounds.length; i++) {
            largestValue[i] = largestValueAtMost(upperBounds[i], perExposedUnit);
        }
        this.exemplars = exemplars == null ? null : new ExemplarSamplerConfig(exemplars, upperBounds);
    }

    private static double[] withInfinity(double[] bounds) {
        double[] b = bounds.clone();
        Arrays.sort(b);
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            if (n == 0 || b[i] != b[n - 1]) {
                b[n++] = b[i];
            }
        }
        if (n == 0 || b[n - 1] != Double.POSITIVE_INFINITY) {
            b = Arrays.copyOf(b, n + 1);
            b[n] = Double.POSITIVE_INFINITY;
            return b;
        }
        return Arrays.copyOf(b, n);
    }

    /**
     * The largest {@code v} with {@code v / perExposedUnit <= bound} in double arithmetic, so that a
     * value lands in the bucket the client's histogram would put {@code v / perExposedUnit} in.
     */
    static long largestValueAtMost(double bound, double perExposedUnit) {
        if (bound == Double.POSITIVE_INFINITY || bound * perExposedUnit >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (bound * perExposedUnit < Long.MIN_VALUE + 2) {
            return Long.MIN_VALUE;
        }
        long v = (long) Math.floor(bound * perExposedUnit);
        while (v / perExposedUnit > bound) {
            v--;
        }
        while (v < Long.MAX_VALUE && (v + 1) / perExposedUnit <= bound) {
            v++;
        }
        return v;
    }

    @Override
    Point labelValues(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(labelNames.length + " label values expected, got " + values.length);
        }
        List<String> key = Arrays.asList(values.clone());
        Point p = byLabelValues.get(key);
        if (p != null) {
            return p;
        }
        synchronized (this) {
            p = byLabelValues.get(key);
            if (p == null) {
                p = new Point(SortedSeries.labels(labelNames, values));
                sorted = SortedSeries.inserted(sorted, p);
                byLabelValues.put(key, p);
            }
            return p;
        }
    }

    @Override
    public HistogramSnapshot collect() {
        Point[] points = sorted;
        HistogramSnapshot before = taken;
        List<HistogramDataPointSnapshot> pointsBefore = before == null ? null : before.getDataPoints();
        boolean changed = pointsBefore == null || pointsBefore.size() != points.length;
        List<HistogramDataPointSnapshot> snapshots = new ArrayList<HistogramDataPointSnapshot>(points.length);
        for (int i = 0; i < points.length; i++) {
            HistogramDataPointSnapshot point = points[i].snapshot();
            changed = changed || point != pointsBefore.get(i);
            snapshots.add(point);
        }
        if (!changed) {
            return before;
        }
        HistogramSnapshot snapshot = new HistogramSnapshot(metadata, snapshots);
        taken = snapshot;
        return snapshot;
    }

    @Override
    public String getPrometheusName() {
        return metadata.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return MetricType.HISTOGRAM;
    }

    @Override
    public Set<String> getLabelNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(labelNames)));
    }

    @Override
    public MetricMetadata getMetadata() {
        return metadata;
    }

    /** One label set's counters. */
    final class Point implements HistogramPoint, Comparable<Point> {
        private final LongAdder[] buckets = new LongAdder[upperBounds.length];
        private final LongAdder sum = new LongAdder();
        private final Labels labels;
        private final long createdMillis = System.currentTimeMillis();
        private final ExemplarSampler sampler;
        /** What the scrape before read, and the snapshot it made of it. */
        private volatile Taken taken;

        Point(Labels labels) {
            this.labels = labels;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
            sampler = exemplars == null ? null : new ExemplarSampler(exemplars);
        }

        @Override
        public void observe(long value) {
            int i = 0;
            long[] largest = largestValue;
            while (value > largest[i]) { // the last is Long.MAX_VALUE
                i++;
            }
            buckets[i].increment();
            sum.add(value);
            if (sampler != null) {
                sampler.observe(value / perExposedUnit);
            }
        }

        /** This series now: the snapshot taken before if its buckets, sum and exemplars are the same. */
        HistogramDataPointSnapshot snapshot() {
            long[] counts = new long[buckets.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
            }
            long total = sum.sum();
            Exemplars exemplars = sampler == null ? Exemplars.EMPTY : sampler.collect();
            Taken before = taken;
            if (before != null && before.sum == total && Arrays.equals(before.counts, counts)
                    && sameExemplars(before.point.getExemplars(), exemplars)) {
                return before.point;
            }
            HistogramDataPointSnapshot point = new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(upperBounds,
                    counts), total / perExposedUnit, labels, exemplars, createdMillis);
            taken = new Taken(counts, total, point);
            return point;
        }

        @Override
        public int compareTo(Point other) {
            return labels.compareTo(other.labels);
        }
    }

    /** Exemplars kept by the sampler are the same objects until it replaces or drops one. */
    private static boolean sameExemplars(Exemplars a, Exemplars b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** A point's counters as one scrape read them, and its snapshot of them. */
    private static final class Taken {
        final long[] counts;
        final long sum;
        final HistogramDataPointSnapshot point;

        Taken(long[] counts, long sum, HistogramDataPointSnapshot point) {
            this.counts = counts;
            this.sum = sum;
            this.point = point;
        }
    }
}
