package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Weft's text writers against the Prometheus client's, on the same snapshot of the agent's real
 * registry: byte for byte the same, for both formats, every escaping, created timestamps on and off,
 * every histogram shape, exemplars, UTF-8 names, and label values that need escaping.
 */
class TextWriterTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static Metrics recorded(String agentArgs) throws Exception {
        Metrics metrics = new Metrics(Config.load(agentArgs, new Properties(), Collections.<String, String>emptyMap()),
                "test", new InstrumentationStats());
        String[] routes = {"/users/{id}", "/q\"uote", "/back\\slash", "/new\nline", "/é/ü/日本", "/", "/emoji/\uD83D\uDE00"};
        for (int i = 0; i < 300; i++) {
            String route = routes[i % routes.length] + (i % 11);
            long start = metrics.server().start(i % 4 == 0 ? "POST" : "GET",
                    i % 5 == 0 ? "00-" + TRACE + "-" + SPAN + "-01" : null);
            long elapsed = (long) (50_000 * Math.pow(1.9, i % 17));
            int status = i % 13 == 0 ? 503 : i % 7 == 0 ? 404 : 200;
            metrics.server().end(start - elapsed, i % 4 == 0 ? "POST" : "GET", route, status,
                    i % 17 == 0 ? new IllegalStateException() : null, i % 3 == 0 ? i * 10L : -1, i * 100L);
            long call = metrics.client().start("GET", "host-" + (i % 9) + ".example", 8000 + i % 5);
            metrics.client().end(call - elapsed, "GET", "host-" + (i % 9) + ".example", 8000 + i % 5,
                    i % 6 == 0 ? 0 : 200 + i % 3, i % 6 == 0 ? new ConnectException() : null);
        }
        // exemplars need the request this thread started: one per bucket and sample interval
        for (int i = 0; i < 3; i++) {
            long start = metrics.server().start("GET", "00-" + TRACE + "-" + SPAN + "-01");
            metrics.server().end(start, "GET", "/traced", 200, null, -1, -1);
            metrics.client().end(metrics.client().start("GET", "traced.example", 443), "GET", "traced.example", 443,
                    200, null);
        }
        return metrics;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "histograms=both", "histograms=native", "exemplars=false", "utf8.names=true",
            "created.timestamps=true", "utf8.names=true,created.timestamps=true"})
    void writesWhatTheClientWrites(String agentArgs) throws Exception {
        Metrics metrics = recorded(agentArgs);
        MetricSnapshots snapshots = metrics.registry().scrape();
        boolean created = metrics.createdTimestamps();
        for (EscapingScheme escaping : EscapingScheme.values()) {
            assertSameBytes(PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(created).build(),
                    TextWriter.prometheus(created), snapshots, escaping, agentArgs);
            assertSameBytes(OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(created).build(),
                    TextWriter.openMetrics(created), snapshots, escaping, agentArgs);
        }
    }

    @Test
    void theDefaultScrapeWritesItsHistogramsItselfAndCarriesExemplarsInOpenMetrics() throws Exception {
        Metrics metrics = recorded("");
        MetricSnapshots snapshots = metrics.registry().scrape();
        String om = write(TextWriter.openMetrics(false), snapshots, EscapingScheme.UNDERSCORE_ESCAPING, false);
        assertTrue(om.contains("http_server_request_duration_seconds_bucket{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/q\\\"uote1\",le=\"0.005\"}"), om);
        assertTrue(om.contains(" # {span_id=\"" + SPAN + "\",trace_id=\"" + TRACE + "\"} "), om);
        assertTrue(om.endsWith("# EOF\n") && om.indexOf("# EOF") == om.length() - 6, "one end marker");
    }

    @Test
    void theAgentsClassicHistogramsAndActiveGaugesAreWrittenHereNativeOnesByTheClient() throws Exception {
        for (String args : new String[] {"", "histograms=native"}) {
            boolean classic = args.isEmpty();
            for (MetricSnapshot s : recorded(args).registry().scrape()) {
                if (s instanceof HistogramSnapshot && !s.getDataPoints().isEmpty()) {
                    assertEquals(classic, TextWriter.prometheus(false).writesItself((HistogramSnapshot) s),
                            s.getMetadata().getName() + " " + args);
                }
                if (s.getMetadata().getName().endsWith("_active_requests")) {
                    assertTrue(TextWriter.openMetrics(false).writesItself((GaugeSnapshot) s, EscapingScheme.UNDERSCORE_ESCAPING));
                }
            }
        }
    }

    /** A gzip page is rendered through a small buffer that passes its bytes on whenever it fills. */
    @Test
    void writingThroughADrainingBufferGivesTheSameBytes() throws Exception {
        MetricSnapshots snapshots = recorded("").registry().scrape();
        for (TextWriter writer : new TextWriter[] {TextWriter.prometheus(false), TextWriter.openMetrics(false)}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PageBuffer small = PageBuffer.draining(sink, 100);
            writer.write(small, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
            small.drain();
            assertEquals(write(writer, snapshots, EscapingScheme.UNDERSCORE_ESCAPING, true), sink.toString("UTF-8"));
        }
    }

    /**
     * One writer over several scrapes, as the endpoint keeps it: series nothing observed since the
     * scrape before are copied from then, and the page still equals the client's, after new
     * observations on old series, new series, exemplars, through the compressing path's draining
     * buffer, and gzip-compressed with the blocks of unchanged series spliced in.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "created.timestamps=true", "exemplars=false"})
    void aWriterKeptAcrossScrapesWritesWhatTheClientWritesEachTime(String agentArgs) throws Exception {
        Metrics metrics = recorded(agentArgs);
        boolean created = metrics.createdTimestamps();
        TextWriter text = TextWriter.prometheus(created);
        TextWriter openMetrics = TextWriter.openMetrics(created);
        TextWriter gzipped = TextWriter.prometheus(created);
        for (int scrape = 0; scrape < 4; scrape++) {
            if (scrape == 1) {
                long start = metrics.client().start("GET", "host-3.example", 8003);
                metrics.client().end(start - 1_000_000, "GET", "host-3.example", 8003, 200, null);
                start = metrics.server().start("GET", null);
                metrics.server().end(start - 2_000_000, "GET", "/new/series", 201, null, -1, -1);
            } else if (scrape == 2) {
                long start = metrics.server().start("GET", "00-" + TRACE + "-" + SPAN + "-01");
                metrics.server().end(start - 3_000_000, "GET", "/users/{id}1", 200, null, -1, -1);
            }
            MetricSnapshots snapshots = metrics.registry().scrape();
            assertSameBytes(PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(created).build(),
                    text, snapshots, EscapingScheme.UNDERSCORE_ESCAPING, agentArgs + " scrape " + scrape);
            // compressed as the endpoint compresses, blocks of unchanged series spliced from the scrape before
            PageBuffer compressed = new PageBuffer(1024);
            SplicingGzip zip = new SplicingGzip(compressed);
            PageBuffer toZip = PageBuffer.draining(zip, 1024);
            gzipped.write(toZip, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
            toZip.drain();
            zip.close();
            assertEquals(write(PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(created).build(),
                    snapshots, EscapingScheme.UNDERSCORE_ESCAPING, false), SplicingGzipTest.gunzip(compressed),
                    "gzip, " + agentArgs + " scrape " + scrape);
            ExpositionFormatWriter client = OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(created).build();
            if (scrape == 3) {
                ByteArrayOutputStream drained = new ByteArrayOutputStream();
                PageBuffer draining = PageBuffer.draining(drained, 1024);
                openMetrics.write(draining, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
                draining.drain();
                assertEquals(write(client, snapshots, EscapingScheme.UNDERSCORE_ESCAPING, false),
                        drained.toString("UTF-8"), "drained, " + agentArgs);
            } else {
                assertSameBytes(client, openMetrics, snapshots, EscapingScheme.UNDERSCORE_ESCAPING,
                        agentArgs + " scrape " + scrape);
            }
        }
    }

    @Test
    void aSeriesIsCopiedUntilItChangesAndForgottenWhenAScrapeLacksIt() throws Exception {
        Metrics metrics = recorded("exemplars=false");
        HistogramSnapshot before = clientHistogram(metrics.registry().scrape());
        // a series of answered calls, which one more answered call changes
        HistogramSnapshot.HistogramDataPointSnapshot first = before.getDataPoints().stream()
                .filter(d -> d.getLabels().get("error_type") == null).findFirst().get();
        SeriesLines kept = new SeriesLines();
        PageBuffer page = new PageBuffer(64);
        assertFalse(kept.family("f").copyUnchanged(page, first));
        PageBuffer lines = new PageBuffer(64);
        lines.ascii("the lines\n");
        kept.family("f").keep(first, lines);
        kept.forgetUnwritten();
        assertTrue(kept.family("f").copyUnchanged(page, first));
        assertEquals("the lines\n", new String(page.bytes, 0, page.size, StandardCharsets.US_ASCII));
        kept.forgetUnwritten();

        // an observation on that series: its next snapshot has the same labels and a higher count
        String[] target = {first.getLabels().get("server_address"), first.getLabels().get("server_port")};
        long start = metrics.client().start("GET", target[0], Integer.parseInt(target[1]));
        metrics.client().end(start - 1_000, "GET", target[0], Integer.parseInt(target[1]),
                statusOf(first), null);
        HistogramSnapshot.HistogramDataPointSnapshot changed = clientHistogram(metrics.registry().scrape())
                .getDataPoints().stream().filter(d -> d.getLabels() == first.getLabels()).findFirst().get();
        assertFalse(kept.family("f").copyUnchanged(page, changed));

        // a scrape of the family that did not write the series forgets it; one that left the family out does not
        kept.family("f");
        kept.forgetUnwritten();
        assertFalse(kept.family("f").copyUnchanged(page, first));
    }

    private static HistogramSnapshot clientHistogram(MetricSnapshots snapshots) {
        for (MetricSnapshot s : snapshots) {
            if (s.getMetadata().getPrometheusName().equals("http_client_request_duration_seconds")) {
                return (HistogramSnapshot) s;
            }
        }
        throw new AssertionError("no client histogram");
    }

    private static int statusOf(HistogramSnapshot.HistogramDataPointSnapshot d) {
        String status = d.getLabels().get("http_response_status_code");
        return status == null ? 0 : Integer.parseInt(status);
    }

    @Test
    void writingIntoAPageBufferOrAnyStreamGivesTheSameBytes() throws Exception {
        MetricSnapshots snapshots = recorded("").registry().scrape();
        PageBuffer page = new PageBuffer(16);
        TextWriter.prometheus(false).write(page, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        assertEquals(write(TextWriter.prometheus(false), snapshots, EscapingScheme.UNDERSCORE_ESCAPING, false),
                new String(page.bytes, 0, page.size, StandardCharsets.UTF_8));
    }

    private static void assertSameBytes(ExpositionFormatWriter client, TextWriter weft, MetricSnapshots snapshots,
                                        EscapingScheme escaping, String agentArgs) throws IOException {
        String expected = write(client, snapshots, escaping, false);
        String actual = write(weft, snapshots, escaping, true);
        assertEquals(expected, actual, weft.getContentType() + " " + escaping + " " + agentArgs);
    }

    private static String write(ExpositionFormatWriter writer, MetricSnapshots snapshots, EscapingScheme escaping,
                                boolean intoPage) throws IOException {
        if (intoPage) {
            PageBuffer page = new PageBuffer(1024);
            writer.write(page, snapshots, escaping);
            return new String(page.bytes, 0, page.size, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, snapshots, escaping);
        return out.toString("UTF-8");
    }
}
