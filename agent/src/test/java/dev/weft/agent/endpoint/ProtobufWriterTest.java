package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import io.prometheus.metrics.expositionformats.internal.PrometheusProtobufWriterImpl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Our protobuf writer against the Prometheus client's own (protobuf runtime and generated
 * {@code metrics.proto} classes, on the test class path only): the same snapshots must give the
 * same bytes, family by family.
 */
class ProtobufWriterTest {

    private static byte[] ours(MetricSnapshots snapshots, boolean created) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProtobufWriter(created).write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toByteArray();
    }

    /**
     * The client's bytes, less the start time it always gives counters: in Weft that is opt-in
     * ({@code WEFT_CREATED_TIMESTAMPS}), see {@link #createdTimestampsOnlyWhenAsked}.
     */
    private static byte[] theirs(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusProtobufWriterImpl().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        ByteArrayOutputStream stripped = new ByteArrayOutputStream();
        for (MetricFamily f : parse(out.toByteArray())) {
            MetricFamily.Builder b = f.toBuilder();
            for (int i = 0; i < b.getMetricCount(); i++) {
                if (b.getMetric(i).hasCounter()) {
                    b.getMetricBuilder(i).getCounterBuilder().clearCreatedTimestamp();
                }
            }
            b.build().writeDelimitedTo(stripped);
        }
        return stripped.toByteArray();
    }

    static List<MetricFamily> parse(byte[] delimited) throws IOException {
        List<MetricFamily> families = new ArrayList<MetricFamily>();
        ByteArrayInputStream in = new ByteArrayInputStream(delimited);
        MetricFamily f;
        while ((f = MetricFamily.parseDelimitedFrom(in)) != null) {
            families.add(f);
        }
        return families;
    }

    /** Parsed first, so a difference reads as a message diff rather than as bytes. */
    private static void assertSameAsClient(MetricSnapshots snapshots) throws IOException {
        byte[] theirs = theirs(snapshots);
        byte[] ours = ours(snapshots, false);
        String expected = parse(theirs).toString();
        String actual = parse(ours).toString();
        if (!expected.equals(actual) && System.getProperty("protobuf.diff") != null) {
            java.nio.file.Files.write(java.nio.file.Paths.get(System.getProperty("protobuf.diff") + ".theirs"), expected.getBytes());
            java.nio.file.Files.write(java.nio.file.Paths.get(System.getProperty("protobuf.diff") + ".ours"), actual.getBytes());
        }
        assertEquals(expected, actual);
        assertEquals(java.util.Arrays.toString(theirs), java.util.Arrays.toString(ours));
    }

    @Test
    void everyMetricTypeOfTheClientMatchesItsOwnWriter() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter counter = Counter.builder().name("requests").help("Requests").labelNames("path", "status")
                .register(registry);
        counter.labelValues("/a", "200").inc(3);
        counter.labelValues("/b", "500").inc(0.5);
        Gauge.builder().name("temperature_celsius").help("with \"quotes\" and \\ and\nnewline").register(registry).set(-4.25);
        Histogram classic = Histogram.builder().name("classic_seconds").help("c").classicOnly()
                .classicUpperBounds(0.01, 0.1, 1).labelNames("route").register(registry);
        Histogram nativeOnly = Histogram.builder().name("native_seconds").help("n").nativeOnly().register(registry);
        Histogram both = Histogram.builder().name("both_bytes").help("b").register(registry);
        double[] values = {0, 0.0001, 0.003, 0.003, 0.02, 0.5, 0.51, 3, 120, -2, -0.004};
        for (double v : values) {
            classic.labelValues("/x").observe(v);
            nativeOnly.observe(v);
            both.observe(Math.abs(v) * 1000);
        }
        Summary summary = Summary.builder().name("latency_seconds").help("s").quantile(0.5, 0.01).quantile(0.99, 0.001)
                .register(registry);
        summary.observe(1);
        summary.observe(2);
        Info.builder().name("app_info").help("i").labelNames("version").register(registry).addLabelValues("1.2");
        StateSet.builder().name("feature").help("f").states("a", "b").labelNames("env").register(registry)
                .labelValues("prod").setTrue("a");
        Histogram.builder().name("never_observed_seconds").help("e").labelNames("x").register(registry);
        Histogram.builder().name("empty_native_seconds").help("e").nativeOnly().register(registry);
        assertSameAsClient(registry.scrape());
    }

    @Test
    void spansGapsExemplarsAndTimestampsMatchTheClient() throws IOException {
        // indexes with gaps of 1, 2, 3 and 10 empty buckets: the first two stay inside a span
        NativeHistogramBuckets positive = NativeHistogramBuckets.of(
                new int[] {-3, -1, 2, 6, 17, 18}, new long[] {4, 1, 7, 7, 2, 9});
        NativeHistogramBuckets negative = NativeHistogramBuckets.of(new int[] {5}, new long[] {1});
        Exemplar exemplar = Exemplar.builder().value(0.7).traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .spanId("00f067aa0ba902b7").timestampMillis(1_700_000_000_123L).build();
        HistogramSnapshot.HistogramDataPointSnapshot nativeWithExemplar = new HistogramSnapshot.HistogramDataPointSnapshot(
                ClassicHistogramBuckets.EMPTY, 3, 2, 1e-9, positive, negative, 12.5,
                Labels.of("route", "/n"), Exemplars.of(exemplar), 0L);
        HistogramSnapshot.HistogramDataPointSnapshot classicWithExemplar = new HistogramSnapshot.HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(new double[] {0.5, 1, Double.POSITIVE_INFINITY}, new long[] {1, 2, 0}), 1.9,
                Labels.of("route", "/c"), Exemplars.of(exemplar), 0L);
        MetricSnapshots snapshots = MetricSnapshots.of(
                new HistogramSnapshot(new MetricMetadata("h_seconds", "h"),
                        java.util.Arrays.asList(nativeWithExemplar, classicWithExemplar)),
                UnknownSnapshot.builder().name("legacy").help("u").dataPoint(
                        UnknownSnapshot.UnknownDataPointSnapshot.builder().value(7).labels(Labels.of("a", "b")).build())
                        .build());
        assertSameAsClient(snapshots);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"histograms=both", "histograms=classic"})
    void weftsOwnRegistryMatchesTheClient(String agentArgs) throws Exception {
        Metrics metrics = new Metrics(Config.load(agentArgs, new Properties(),
                Collections.<String, String>emptyMap()), "test", new InstrumentationStats());
        long start = metrics.server().start("GET");
        metrics.server().end(start - 3_000_000, "GET", "/hello", 200, null, 12, 3400);
        // label values beyond ASCII and beyond 127 bytes take the writer's other string path
        String[] routes = {"/é/ü/日本", "/" + new String(new char[200]).replace('\0', 'x'), "/q\"uote"};
        for (int i = 0; i < 30; i++) {
            long s = metrics.server().start("POST");
            metrics.server().end(s - i * 1_000_000L, "POST", routes[i % routes.length], 200 + i % 3, null, -1, i);
            long c = metrics.client().start("GET", "host-" + i + ".example", 443);
            metrics.client().end(c - i * 2_000_000L, "GET", "host-" + i + ".example", 443, 0,
                    new java.net.ConnectException());
        }
        ProtobufWriter writer = new ProtobufWriter(false);
        assertSameAsClient(metrics.registry().scrape());
        // a second scrape through the same writer, whose family buffer is the first one's
        writer.write(new ByteArrayOutputStream(), metrics.registry().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        MetricSnapshots second = metrics.registry().scrape();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, second, EscapingScheme.UNDERSCORE_ESCAPING);
        assertEquals(java.util.Arrays.toString(theirs(second)), java.util.Arrays.toString(out.toByteArray()));
    }

    @Test
    void createdTimestampsOnlyWhenAsked() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("c").register(registry).inc();
        Histogram.builder().name("h").register(registry).observe(1);
        String without = ProtobufText.print(ours(registry.scrape(), false));
        String with = ProtobufText.print(ours(registry.scrape(), true));
        assertTrue(!without.contains("created_timestamp"), without);
        assertEquals(2, with.split("created_timestamp", -1).length - 1, with);
        for (MetricFamily f : parse(ours(registry.scrape(), true))) {
            long seconds = f.getMetric(0).hasCounter() ? f.getMetric(0).getCounter().getCreatedTimestamp().getSeconds()
                    : f.getMetric(0).getHistogram().getCreatedTimestamp().getSeconds();
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 600, f.toString());
        }
    }

    @Test
    void theDebugTextIsDecodedFromTheBytes() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("jobs").help("Jobs").labelNames("queue").register(registry).labelValues("q1").inc(2);
        assertEquals("name: \"jobs_total\"\nhelp: \"Jobs\"\ntype: COUNTER\nmetric {\n"
                + "  label {\n    name: \"queue\"\n    value: \"q1\"\n  }\n"
                + "  counter {\n    value: 2.0\n  }\n}\n\n", ProtobufText.print(ours(registry.scrape(), false)));
        assertTrue(ProtobufText.print(new byte[] {5, 10, 3}).endsWith("# malformed at byte 3\n"));
    }
}
