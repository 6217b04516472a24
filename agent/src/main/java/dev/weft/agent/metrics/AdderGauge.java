package dev.weft.agent.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A gauge whose series are {@link LongAdder}s the recorders update, read at scrape time:
 *
 * <pre>
 * http_client_active_requests{http_request_method="GET",server_address="api.example.com",server_port="443"} 0.0
 * </pre>
 *
 * <pre>{@code
 * LongAdder inFlight = gauge.series("GET", "api.example.com", "443");   // once per label set
 * inFlight.increment();                                                  // per call
 * }</pre>
 *
 * <p>Why not the client's {@code GaugeWithCallback}: a callback hands label values, and the client
 * builds, sorts and checks a label set from them for every series at every scrape; with a series per
 * downstream endpoint that was a third of a 2,000-series scrape. Here each series' labels are built
 * once, empty values left out, and kept in label order, so the snapshot's sort is a single pass
 * ({@link SortedSeries}). The caller decides which series exist (and their budget); a
 * series is never removed.
 */
final class AdderGauge implements Collector {

    private final MetricMetadata metadata;
    private final String[] labelNames;
    /** In label order; replaced, never changed, so a scrape reads it without a lock. */
    private volatile Series[] all = new Series[0];
    /**
     * The family's snapshot of the scrape before, handed out again while no series changed: building
     * one sorts and checks every label set, which a page of 2,000 idle series would redo each scrape.
     */
    private volatile GaugeSnapshot taken;

    AdderGauge(MetricMetadata metadata, String[] labelNames) {
        this.metadata = metadata;
        this.labelNames = labelNames.clone();
    }

    private static final class Series implements Comparable<Series> {
        final Labels labels;
        final LongAdder value = new LongAdder();
        /** The snapshot of the scrape before (immutable, so a racing scrape may read it too). */
        private GaugeDataPointSnapshot taken;

        Series(Labels labels) {
            this.labels = labels;
        }

        /** This series now: the snapshot taken before if the value is the same. */
        GaugeDataPointSnapshot snapshot() {
            long now = value.sum();
            GaugeDataPointSnapshot point = taken;
            if (point == null || point.getValue() != now) {
                point = new GaugeDataPointSnapshot(now, labels, null);
                taken = point;
            }
            return point;
        }

        @Override
        public int compareTo(Series other) {
            return labels.compareTo(other.labels);
        }
    }

    /** A new series with these label values (in the order of the label names); the caller keeps it. */
    synchronized LongAdder series(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(labelNames.length + " label values expected, got " + values.length);
        }
        Series s = new Series(SortedSeries.labels(labelNames, values));
        all = SortedSeries.inserted(all, s);
        return s.value;
    }

    @Override
    public GaugeSnapshot collect() {
        Series[] series = all;
        GaugeSnapshot before = taken;
        List<GaugeDataPointSnapshot> pointsBefore = before == null ? null : before.getDataPoints();
        boolean changed = pointsBefore == null || pointsBefore.size() != series.length;
        List<GaugeDataPointSnapshot> points = new ArrayList<GaugeDataPointSnapshot>(series.length);
        for (int i = 0; i < series.length; i++) {
            GaugeDataPointSnapshot point = series[i].snapshot();
            changed = changed || point != pointsBefore.get(i);
            points.add(point);
        }
        if (!changed) {
            return before;
        }
        GaugeSnapshot snapshot = new GaugeSnapshot(metadata, points);
        taken = snapshot;
        return snapshot;
    }

    @Override
    public String getPrometheusName() {
        return metadata.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return MetricType.GAUGE;
    }

    @Override
    public Set<String> getLabelNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(labelNames)));
    }

    @Override
    public MetricMetadata getMetadata() {
        return metadata;
    }
}
