package dev.weft.agent.endpoint;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.expositionformats.TextFormatUtil;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.SnapshotEscaper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text format (0.0.4) and OpenMetrics (1.0.0), byte for byte as the Prometheus
 * client's writers write them, with classic histograms and plain gauges written here:
 *
 * <pre>
 * # HELP http_client_request_duration_seconds Duration of outbound HTTP requests, ...
 * # TYPE http_client_request_duration_seconds histogram
 * http_client_request_duration_seconds_bucket{error_type="java.net.ConnectException",...,le="0.005"} 1
 * ...
 * </pre>
 *
 * <p>Why: a scrape's bytes are nearly all histogram buckets and per-endpoint gauges (2,000 series are
 * 38,000 lines, 7 MB),
 * and the client writes each line through a {@link java.io.Writer} and a charset encoder, checking
 * every label name on every line. Here a series' labels are written once and copied to each of its
 * lines, and numbers go straight into the page ({@link PageBuffer}). Every other family (the JVM
 * metrics, gauges, counters) and any histogram this class does not write exactly as the client does
 * (native buckets, names that need quoting or escaping, scrape timestamps, the text format's
 * separate created-timestamp section) goes through the client's own writer, so the output is the
 * client's throughout ({@code TextWriterTest} holds the two side by side).
 */
final class TextWriter implements ExpositionFormatWriter {

    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean openMetrics;
    private final boolean createdTimestamps;
    private final ExpositionFormatWriter client;
    /** The lines of each histogram series as the scrape before wrote them, for those that did not change since. */
    private final SeriesLines seriesLines = new SeriesLines();
    /**
     * {@link #writesItself(HistogramSnapshot)} of the histograms of this scrape and the one before: the
     * agent's histograms hand out the same snapshot while none of their series changed.
     */
    private Map<HistogramSnapshot, Boolean> checked = new IdentityHashMap<HistogramSnapshot, Boolean>();
    private Map<HistogramSnapshot, Boolean> checkedBefore = new IdentityHashMap<HistogramSnapshot, Boolean>();
    /** Where one series' lines are written before they go into the page and into {@link #seriesLines}. */
    private final PageBuffer lines = new PageBuffer(4096);

    private TextWriter(boolean openMetrics, boolean createdTimestamps, ExpositionFormatWriter client) {
        this.openMetrics = openMetrics;
        this.createdTimestamps = createdTimestamps;
        this.client = client;
    }

    static TextWriter prometheus(boolean createdTimestamps) {
        return new TextWriter(false, createdTimestamps,
                PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(createdTimestamps).build());
    }

    static TextWriter openMetrics(boolean createdTimestamps) {
        return new TextWriter(true, createdTimestamps,
                OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(createdTimestamps).build());
    }

    @Override
    public boolean accepts(String acceptHeader) {
        return client.accepts(acceptHeader);
    }

    @Override
    public String getContentType() {
        return client.getContentType();
    }

    @Override
    public String toDebugString(MetricSnapshots snapshots, EscapingScheme escaping) {
        return client.toDebugString(snapshots, escaping);
    }

    /**
     * One page at a time: the series lines kept between scrapes belong to this writer (the endpoint
     * renders one page at a time anyway).
     */
    @Override
    public synchronized void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme escaping) throws IOException {
        if (!openMetrics && createdTimestamps) {
            // the text format writes every family's created series after all families: the client's way
            client.write(out, snapshots, escaping);
            return;
        }
        PageBuffer page = out instanceof PageBuffer ? (PageBuffer) out : new PageBuffer(64 * 1024);
        boolean plainNames = escaping == EscapingScheme.UNDERSCORE_ESCAPING || escaping == EscapingScheme.ALLOW_UTF8;
        List<MetricSnapshot> others = new ArrayList<MetricSnapshot>();
        PageBuffer labels = new PageBuffer(1024);
        for (MetricSnapshot s : TextFormatUtil.mergeDuplicates(snapshots)) {
            if (plainNames && s instanceof HistogramSnapshot && writesItselfAsBefore((HistogramSnapshot) s)) {
                writeOthers(page, others, escaping);
                histogram(page, (HistogramSnapshot) s, labels);
            } else if (plainNames && s instanceof GaugeSnapshot && writesItself((GaugeSnapshot) s, escaping)) {
                writeOthers(page, others, escaping);
                gauge(page, (GaugeSnapshot) s, gaugeName((GaugeSnapshot) s, escaping), labels);
            } else {
                others.add(s);
            }
        }
        writeOthers(page, others, escaping);
        seriesLines.forgetUnwritten();
        Map<HistogramSnapshot, Boolean> done = checkedBefore;
        checkedBefore = checked;
        checked = done;
        checked.clear();
        if (openMetrics) {
            page.write(EOF);
        }
        if (page != out) {
            out.write(page.bytes, 0, page.size);
        }
    }

    /** The families between two of ours, in order, by the client's writer. */
    private void writeOthers(PageBuffer page, List<MetricSnapshot> others, EscapingScheme escaping) throws IOException {
        if (others.isEmpty()) {
            return;
        }
        client.write(page, new MetricSnapshots(others), escaping);
        if (openMetrics && page.endsWith(EOF)) {
            page.truncate(EOF.length); // one end marker, after everything
        }
        others.clear();
    }

    private boolean writesItselfAsBefore(HistogramSnapshot h) {
        Boolean known = checkedBefore.get(h);
        boolean writes = known != null ? known : writesItself(h);
        checked.put(h, writes);
        return writes;
    }

    /**
     * Whether this histogram is one whose lines this class writes exactly as the client does: classic
     * buckets only, a help text and no unit, names and label names that need neither quoting nor
     * escaping, no scrape timestamps, exemplars only where OpenMetrics puts them.
     */
    boolean writesItself(HistogramSnapshot h) {
        MetricMetadata m = h.getMetadata();
        if (h.isGaugeHistogram() || m.getHelp() == null || m.hasUnit() || h.getDataPoints().isEmpty()
                || !PrometheusNaming.isValidLegacyMetricName(m.getPrometheusName())) {
            return false;
        }
        for (HistogramDataPointSnapshot d : h.getDataPoints()) {
            if (!d.hasClassicHistogramData() || d.hasNativeHistogramData() || !d.hasCount() || !d.hasSum()
                    || d.hasScrapeTimestamp() || d.getLabels().isEmpty() || !legacyNames(d.getLabels())) {
                return false;
            }
            Exemplars exemplars = d.getExemplars();
            for (int i = 0; i < exemplars.size(); i++) {
                Exemplar e = exemplars.get(i);
                if (e.getLabels().isEmpty() || !legacyNames(e.getLabels())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A gauge with help, no unit, plain names, no exemplars and no scrape timestamps (the per-endpoint gauges). */
    boolean writesItself(GaugeSnapshot g, EscapingScheme escaping) {
        MetricMetadata m = g.getMetadata();
        if (m.getHelp() == null || m.hasUnit() || g.getDataPoints().isEmpty()
                || !PrometheusNaming.isValidLegacyMetricName(gaugeName(g, escaping))) {
            return false;
        }
        for (GaugeSnapshot.GaugeDataPointSnapshot d : g.getDataPoints()) {
            if (d.getExemplar() != null || d.hasScrapeTimestamp() || d.getLabels().isEmpty() || !legacyNames(d.getLabels())) {
                return false;
            }
        }
        return true;
    }

    /** The name the client's writer gives a gauge's lines in this format. */
    private String gaugeName(GaugeSnapshot g, EscapingScheme escaping) {
        MetricMetadata m = g.getMetadata();
        return openMetrics ? SnapshotEscaper.getMetadataName(m, escaping)
                : SnapshotEscaper.getLegacyGaugeName(m, m.getOriginalName(), escaping);
    }

    private void gauge(PageBuffer page, GaugeSnapshot g, String name, PageBuffer labels) {
        header(page, name, g.getMetadata().getHelp(), "gauge");
        byte[] line = (name + "{").getBytes(StandardCharsets.US_ASCII);
        for (GaugeSnapshot.GaugeDataPointSnapshot d : g.getDataPoints()) {
            labels.size = 0;
            labels(labels, d.getLabels());
            page.write(line);
            page.write(labels);
            page.ascii("} ");
            page.number(d.getValue());
            page.write('\n');
        }
    }

    /** HELP then TYPE in the text format, TYPE then HELP in OpenMetrics, whose help escapes quotes too. */
    private void header(PageBuffer page, String name, String help, String type) {
        if (openMetrics) {
            page.ascii("# TYPE ");
            page.ascii(name);
            page.write(' ');
            page.ascii(type);
            page.ascii("\n# HELP ");
            page.ascii(name);
            page.write(' ');
            page.escaped(help, true);
            page.write('\n');
        } else {
            page.ascii("# HELP ");
            page.ascii(name);
            page.write(' ');
            page.escaped(help, false);
            page.ascii("\n# TYPE ");
            page.ascii(name);
            page.write(' ');
            page.ascii(type);
            page.write('\n');
        }
    }

    private static boolean legacyNames(Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (!PrometheusNaming.isValidLegacyLabelName(labels.getName(i))) {
                return false;
            }
        }
        return true;
    }

    private void histogram(PageBuffer page, HistogramSnapshot h, PageBuffer labels) throws IOException {
        MetricMetadata m = h.getMetadata();
        String name = m.getPrometheusName();
        header(page, name, m.getHelp(), "histogram");
        byte[] bucket = (name + "_bucket{").getBytes(StandardCharsets.US_ASCII);
        byte[] count = (name + "_count{").getBytes(StandardCharsets.US_ASCII);
        byte[] sum = (name + "_sum{").getBytes(StandardCharsets.US_ASCII);
        byte[] created = (name + "_created{").getBytes(StandardCharsets.US_ASCII);
        byte[][] le = null;
        ClassicHistogramBuckets leFor = null;
        SeriesLines.Family kept = seriesLines.family(name);
        SplicingGzip zip = page.splicing();
        List<HistogramDataPointSnapshot> points = h.getDataPoints();
        for (int from = 0; from < points.size(); from += SeriesLines.BLOCK) {
            int to = Math.min(points.size(), from + SeriesLines.BLOCK);
            if (zip != null) {
                page.drain();
                SplicingGzip.Block unchanged = kept.unchangedBlock(points, from, to);
                if (unchanged != null) {
                    zip.splice(unchanged);
                    continue;
                }
                zip.beginBlock();
            }
            for (int i = from; i < to; i++) {
                HistogramDataPointSnapshot d = points.get(i);
                // a compressed page keeps blocks, not lines: what a changed block costs is its compression
                boolean asItIs = zip != null || openMetrics && d.getExemplars().size() > 0;
                if (!asItIs && kept.copyUnchanged(page, d)) {
                    continue;
                }
                ClassicHistogramBuckets buckets = d.getClassicBuckets();
                if (le == null || !sameBounds(buckets, leFor)) {
                    le = le(buckets);
                    leFor = buckets;
                }
                if (asItIs) {
                    series(page, d, labels, bucket, count, sum, created, le);
                    continue;
                }
                lines.size = 0;
                series(lines, d, labels, bucket, count, sum, created, le);
                page.write(lines);
                kept.keep(d, lines);
            }
            if (zip != null) {
                page.drain();
                kept.keepBlock(points, from, to, zip.endBlock());
            }
        }
    }

    /** The lines of one series: its buckets, count, sum and (OpenMetrics) created timestamp. */
    private void series(PageBuffer page, HistogramDataPointSnapshot d, PageBuffer labels, byte[] bucket, byte[] count,
                        byte[] sum, byte[] created, byte[][] le) {
        labels.size = 0;
        labels(labels, d.getLabels());
        ClassicHistogramBuckets buckets = d.getClassicBuckets();
        Exemplars exemplars = d.getExemplars();
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
            cumulative += buckets.getCount(i);
            page.write(bucket);
            page.write(labels);
            page.write(le[i]);
            page.decimal(cumulative);
            if (openMetrics && exemplars.size() > 0) {
                double lower = i == 0 ? Double.NEGATIVE_INFINITY : buckets.getUpperBound(i - 1);
                Exemplar e = exemplars.get(lower, buckets.getUpperBound(i));
                if (e != null) {
                    exemplar(page, e);
                }
            }
            page.write('\n');
        }
        page.write(count);
        page.write(labels);
        page.ascii("} ");
        page.decimal(d.getCount());
        page.write('\n');
        page.write(sum);
        page.write(labels);
        page.ascii("} ");
        page.number(d.getSum());
        page.write('\n');
        if (openMetrics && createdTimestamps && d.hasCreatedTimestamp()) {
            page.write(created);
            page.write(labels);
            page.ascii("} ");
            page.openMetricsTimestamp(d.getCreatedTimestampMillis());
            page.write('\n');
        }
    }

    /** {@code name="value",name="value"}: a series' labels, written once for all its lines. */
    private static void labels(PageBuffer b, Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                b.write(',');
            }
            b.ascii(labels.getName(i));
            b.ascii("=\"");
            b.escaped(labels.getValue(i), true);
            b.write('"');
        }
    }

    /** {@code ,le="0.005"} followed by the space before the count, per bucket. */
    private static byte[][] le(ClassicHistogramBuckets buckets) {
        byte[][] le = new byte[buckets.size()][];
        PageBuffer b = new PageBuffer(32);
        for (int i = 0; i < le.length; i++) {
            b.size = 0;
            b.ascii(",le=\"");
            b.number(buckets.getUpperBound(i));
            b.ascii("\"} ");
            le[i] = java.util.Arrays.copyOf(b.bytes, b.size);
        }
        return le;
    }

    private static boolean sameBounds(ClassicHistogramBuckets a, ClassicHistogramBuckets b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (Double.compare(a.getUpperBound(i), b.getUpperBound(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void exemplar(PageBuffer b, Exemplar e) {
        b.ascii(" # {");
        labels(b, e.getLabels());
        b.ascii("} ");
        b.number(e.getValue());
        if (e.hasTimestamp()) {
            b.write(' ');
            b.openMetricsTimestamp(e.getTimestampMillis());
        }
    }
}
