package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.Histograms;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Weft's classic histogram against the Prometheus client's: the same observations give the same
 * snapshot (what every writer, protobuf included, reads) and the same text and OpenMetrics, byte for
 * byte (values in whole units on our side, divided on theirs). Created timestamps differ by when each
 * side created its series, so they are left out.
 */
class ClassicHistogramTest {

    private static final PrometheusProperties PROPERTIES = PrometheusProperties.builder().build();
    private static final String[] LABELS = {"http_request_method", "http_route", "http_response_status_code", "error_type"};

    @Test
    void sizesExposeExactlyAsTheClientHistogram() throws IOException {
        double[] bounds = Config.defaults().sizeBuckets();
        PrometheusRegistry ours = new PrometheusRegistry();
        PrometheusRegistry theirs = new PrometheusRegistry();
        HistogramFamily weft = HistogramFamily.register(ours, PROPERTIES, "body_bytes", "Body sizes", LABELS,
                Histograms.CLASSIC, bounds, false, HistogramFamily.UNITS);
        Histogram client = Histogram.builder(PROPERTIES).name("body_bytes").help("Body sizes").labelNames(LABELS)
                .classicOnly().classicUpperBounds(bounds).withoutExemplars().build();
        theirs.register(WithoutEmptyLabels.of(client));
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String[] values = {i % 3 == 0 ? "POST" : "GET", "/r" + random.nextInt(40), "200", i % 7 == 0 ? "500" : ""};
            long size = random.nextInt(4) == 0 ? (long) bounds[random.nextInt(bounds.length)] : random.nextInt(2_000_000);
            weft.labelValues(values).observe(size);
            client.labelValues(values).observe(size);
        }
        assertSame(theirs, ours);
    }

    /**
     * A scrape of series nothing observed since the scrape before gets that scrape's snapshot again
     * (the writers copy what they wrote for it); one observation makes a new snapshot in which only
     * its series is new, and which still exposes what the client's histogram does.
     */
    @Test
    void anUnchangedFamilyHandsOutItsSnapshotAgainAndAChangedSeriesANewOne() throws IOException {
        double[] bounds = Config.defaults().sizeBuckets();
        PrometheusRegistry ours = new PrometheusRegistry();
        PrometheusRegistry theirs = new PrometheusRegistry();
        HistogramFamily weft = HistogramFamily.register(ours, PROPERTIES, "body_bytes", "Body sizes", LABELS,
                Histograms.CLASSIC, bounds, false, HistogramFamily.UNITS);
        Histogram client = Histogram.builder(PROPERTIES).name("body_bytes").help("Body sizes").labelNames(LABELS)
                .classicOnly().classicUpperBounds(bounds).withoutExemplars().build();
        theirs.register(WithoutEmptyLabels.of(client));
        String[][] series = {{"GET", "/a", "200", ""}, {"GET", "/b", "200", ""}, {"POST", "/a", "500", "500"}};
        for (String[] values : series) {
            weft.labelValues(values).observe(100);
            client.labelValues(values).observe(100);
        }
        HistogramSnapshot first = histogram(ours);
        assertTrue(first == histogram(ours), "nothing observed: the same snapshot");

        weft.labelValues(series[1]).observe(5000);
        client.labelValues(series[1]).observe(5000);
        HistogramSnapshot second = histogram(ours);
        assertFalse(first == second);
        for (int i = 0; i < series.length; i++) {
            HistogramSnapshot.HistogramDataPointSnapshot now = second.getDataPoints().get(i);
            boolean observed = now.getLabels().get("http_route").equals("/b");
            assertEquals(!observed, first.getDataPoints().get(i) == now, "point " + now.getLabels());
            assertEquals(observed ? 2 : 1, now.getCount());
        }
        assertSame(theirs, ours);
    }

    private static HistogramSnapshot histogram(PrometheusRegistry registry) {
        return (HistogramSnapshot) registry.scrape().get(0);
    }

    @Test
    void aDurationOnABoundLandsWhereTheClientPutsItsSeconds() throws IOException {
        double[] bounds = Config.defaults().durationBuckets();
        PrometheusRegistry ours = new PrometheusRegistry();
        PrometheusRegistry theirs = new PrometheusRegistry();
        HistogramFamily weft = HistogramFamily.register(ours, PROPERTIES, "d_seconds", "D", LABELS,
                Histograms.CLASSIC, bounds, false, HistogramFamily.NANOSECONDS);
        Histogram client = Histogram.builder(PROPERTIES).name("d_seconds").help("D").labelNames(LABELS)
                .classicOnly().classicUpperBounds(bounds).withoutExemplars().build();
        theirs.register(WithoutEmptyLabels.of(client));
        int series = 0;
        for (double bound : bounds) {
            long nanos = Math.round(bound * 1e9);
            for (long v = nanos - 2; v <= nanos + 2; v++) {
                // one observation per series: the sums are the same division on both sides
                String[] values = {"GET", "/s" + series++, "200", ""};
                weft.labelValues(values).observe(v);
                client.labelValues(values).observe(v / 1e9);
            }
        }
        assertSame(theirs, ours);
    }

    @Test
    void theLargestValueOfABucketIsTheLastOneItsBoundAdmits() {
        for (double bound : new double[] {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 1e-9, 3e-7}) {
            long largest = ClassicHistogram.largestValueAtMost(bound, HistogramFamily.NANOSECONDS);
            assertTrue(largest / 1e9 <= bound, bound + " admits " + largest);
            assertFalse((largest + 1) / 1e9 <= bound, bound + " does not admit " + (largest + 1));
        }
        assertEquals(100, ClassicHistogram.largestValueAtMost(100.5, HistogramFamily.UNITS));
        assertEquals(Long.MAX_VALUE, ClassicHistogram.largestValueAtMost(Double.POSITIVE_INFINITY, HistogramFamily.UNITS));
    }

    @Test
    void countIsTheSumOfTheBucketsAndEmptyLabelsAreLeftOut() {
        PrometheusRegistry registry = new PrometheusRegistry();
        HistogramFamily weft = HistogramFamily.register(registry, PROPERTIES, "d_seconds", "D", LABELS,
                Histograms.CLASSIC, new double[] {0.1, 1}, false, HistogramFamily.NANOSECONDS);
        HistogramPoint p = weft.labelValues("GET", "/a", "200", "");
        p.observe(50_000_000);
        p.observe(500_000_000);
        p.observe(5_000_000_000L);
        HistogramSnapshot.HistogramDataPointSnapshot point =
                ((HistogramSnapshot) registry.scrape().get(0)).getDataPoints().get(0);
        assertEquals(3, point.getCount());
        assertEquals(5.55, point.getSum(), 1e-12);
        assertEquals(Arrays.asList(1L, 1L, 1L), Arrays.asList(point.getClassicBuckets().getCount(0),
                point.getClassicBuckets().getCount(1), point.getClassicBuckets().getCount(2)));
        assertEquals(3, point.getLabels().size(), point.getLabels().toString());
        assertFalse(point.getLabels().contains("error_type"));
    }

    private static void assertSame(PrometheusRegistry theirs, PrometheusRegistry ours) throws IOException {
        for (ExpositionFormatWriter writer : writers()) {
            assertEquals(expose(writer, theirs), expose(writer, ours), writer.getClass().getSimpleName());
        }
        HistogramSnapshot expected = (HistogramSnapshot) theirs.scrape().get(0);
        HistogramSnapshot actual = (HistogramSnapshot) ours.scrape().get(0);
        assertEquals(expected.getMetadata().getPrometheusName(), actual.getMetadata().getPrometheusName());
        assertEquals(expected.getDataPoints().size(), actual.getDataPoints().size());
        for (int i = 0; i < expected.getDataPoints().size(); i++) {
            HistogramSnapshot.HistogramDataPointSnapshot e = expected.getDataPoints().get(i);
            HistogramSnapshot.HistogramDataPointSnapshot a = actual.getDataPoints().get(i);
            assertEquals(e.getLabels(), a.getLabels());
            assertEquals(e.getCount(), a.getCount());
            assertEquals(e.getSum(), a.getSum());
            assertEquals(e.getClassicBuckets().size(), a.getClassicBuckets().size());
            for (int b = 0; b < e.getClassicBuckets().size(); b++) {
                assertEquals(e.getClassicBuckets().getUpperBound(b), a.getClassicBuckets().getUpperBound(b));
                assertEquals(e.getClassicBuckets().getCount(b), a.getClassicBuckets().getCount(b), e.getLabels() + " bucket " + b);
            }
            assertEquals(e.hasNativeHistogramData(), a.hasNativeHistogramData());
            assertEquals(e.getExemplars().size(), a.getExemplars().size());
            assertTrue(a.hasCreatedTimestamp());
        }
    }

    private static ExpositionFormatWriter[] writers() {
        return new ExpositionFormatWriter[] {
            PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build(),
            OpenMetricsTextFormatWriter.builder().build(),
        };
    }

    private static String expose(ExpositionFormatWriter writer, PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return Arrays.toString(out.toByteArray());
    }
}
