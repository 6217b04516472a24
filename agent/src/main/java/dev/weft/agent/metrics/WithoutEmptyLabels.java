package dev.weft.agent.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serves a metric's series without the labels whose value is empty: a successful request has no
 * {@code error_type} at all, a call that got no response no {@code http_response_status_code},
 * as OpenTelemetry's exporters write them and its dashboards expect.
 *
 * <p>The Prometheus client gives every series of a metric the same label names, so the series
 * are recorded with {@code ""} and the label is dropped here, at collection. For Prometheus the two
 * are the same series ({@code error_type=""} matches a series without the label), so nothing a
 * query or rule selects changes; only the exposition gets shorter. Series with no empty value are
 * passed through as they are.
 */
final class WithoutEmptyLabels implements Collector {

    private final Collector metric;

    private WithoutEmptyLabels(Collector metric) {
        this.metric = metric;
    }

    /** The collector to register instead of {@code metric}. */
    static Collector of(Collector metric) {
        return new WithoutEmptyLabels(metric);
    }

    @Override
    public MetricSnapshot collect() {
        return strip(metric.collect());
    }

    @Override
    public String getPrometheusName() {
        return metric.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return metric.getMetricType();
    }

    @Override
    public Set<String> getLabelNames() {
        return metric.getLabelNames();
    }

    @Override
    public MetricMetadata getMetadata() {
        return metric.getMetadata();
    }

    static MetricSnapshot strip(MetricSnapshot snapshot) {
        if (snapshot == null || !anyEmpty(snapshot.getDataPoints())) {
            return snapshot;
        }
        if (snapshot instanceof HistogramSnapshot) {
            HistogramSnapshot histogram = (HistogramSnapshot) snapshot;
            List<HistogramDataPointSnapshot> points = new ArrayList<HistogramDataPointSnapshot>(histogram.getDataPoints().size());
            for (HistogramDataPointSnapshot p : histogram.getDataPoints()) {
                Labels labels = nonEmpty(p.getLabels());
                points.add(labels == p.getLabels() ? p : new HistogramDataPointSnapshot(p.getClassicBuckets(),
                        p.getNativeSchema(), p.getNativeZeroCount(), p.getNativeZeroThreshold(),
                        p.getNativeBucketsForPositiveValues(), p.getNativeBucketsForNegativeValues(),
                        p.getSum(), labels, p.getExemplars(), p.getCreatedTimestampMillis(),
                        p.getScrapeTimestampMillis()));
            }
            return new HistogramSnapshot(histogram.isGaugeHistogram(), histogram.getMetadata(), points);
        }
        if (snapshot instanceof GaugeSnapshot) {
            List<GaugeDataPointSnapshot> points = new ArrayList<GaugeDataPointSnapshot>(snapshot.getDataPoints().size());
            for (GaugeDataPointSnapshot p : ((GaugeSnapshot) snapshot).getDataPoints()) {
                Labels labels = nonEmpty(p.getLabels());
                points.add(labels == p.getLabels() ? p
                        : new GaugeDataPointSnapshot(p.getValue(), labels, p.getExemplar(), p.getScrapeTimestampMillis()));
            }
            return new GaugeSnapshot(snapshot.getMetadata(), points);
        }
        return snapshot;
    }

    private static boolean anyEmpty(List<? extends DataPointSnapshot> points) {
        for (DataPointSnapshot p : points) {
            if (nonEmpty(p.getLabels()) != p.getLabels()) {
                return true;
            }
        }
        return false;
    }

    /** {@code labels} itself when no value is empty, else a copy without those. */
    static Labels nonEmpty(Labels labels) {
        int empty = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.getValue(i).isEmpty()) {
                empty++;
            }
        }
        if (empty == 0) {
            return labels;
        }
        String[] names = new String[labels.size() - empty];
        String[] values = new String[names.length];
        for (int i = 0, j = 0; i < labels.size(); i++) {
            if (!labels.getValue(i).isEmpty()) {
                names[j] = labels.getName(i);
                values[j++] = labels.getValue(i);
            }
        }
        return Labels.of(names, values);
    }
}
