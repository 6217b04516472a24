package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.agent.metrics.Metrics;
import dev.weft.agent.metrics.ServerMetrics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reading the real histograms: per-bucket counts at the configured bounds, errors, methods, keys. */
class TotalsTest {

    // default bounds: 0.005 0.01 0.025 0.05 0.075 0.1 0.25 0.5 0.75 1 2.5 5 7.5 10
    private static final int B_0_25 = 6;
    private static final int B_0_75 = 8;
    private static final int B_5 = 11;
    private static final int ABOVE = 14;

    @Test
    void classicBucketsAreCountedPerBucketAndSummedOverStatusesAndMethods() {
        Metrics metrics = Traffic.metrics();
        Traffic.served(metrics, "GET", "/hello", 200, 150, 3);
        Traffic.served(metrics, "POST", "/hello", 201, 600, 2);
        Traffic.served(metrics, "GET", "/hello", 500, 3000, 1);
        Traffic.served(metrics, "GET", "/slow", 200, 20_000, 1);
        Totals totals = Totals.read(metrics.durationBounds(), metrics.server()::readDurations);

        long[] hello = totals.of("/hello");
        assertEquals(6, hello[Totals.REQUESTS]);
        assertEquals(1, hello[Totals.ERRORS], "the 500");
        long[] buckets = new long[15];
        buckets[B_0_25] = 3;
        buckets[B_0_75] = 2;
        buckets[B_5] = 1;
        assertArrayEquals(buckets, Arrays.copyOfRange(hello, Totals.BUCKETS, hello.length));
        assertEquals("[GET, POST]", totals.methods("/hello").toString());
        assertEquals(1, totals.of("/slow")[Totals.BUCKETS + ABOVE], "20 s is above the last bound");
        assertNull(totals.of("/never"));
        assertEquals(4, totals.series(), "label sets: GET 200, POST 201, GET 500 on /hello, GET 200 on /slow");
    }

    @Test
    void clientTargetsAreHostAndPortAndTheirFourHundredsAreErrors() {
        Metrics metrics = Traffic.metrics();
        Traffic.called(metrics, "api.example.com", 443, 200, 150, 2);
        Traffic.called(metrics, "api.example.com", 443, 404, 150, 1);
        Traffic.called(metrics, "::1", 8080, 200, 150, 1);
        Totals totals = Totals.read(metrics.durationBounds(), metrics.client()::readDurations);
        assertEquals(3, totals.of("api.example.com:443")[Totals.REQUESTS]);
        assertEquals(1, totals.of("api.example.com:443")[Totals.ERRORS]);
        assertEquals(1, totals.of("[::1]:8080")[Totals.REQUESTS]);
    }

    @Test
    void nativeBucketsAreRegroupedAtTheConfiguredBounds() {
        Metrics metrics = Traffic.metrics("histograms=native");
        Traffic.served(metrics, "GET", "/hello", 200, 150, 3);
        Traffic.served(metrics, "GET", "/hello", 200, 600, 2);
        Traffic.served(metrics, "GET", "/hello", 200, 3000, 1);
        long[] hello = Totals.read(metrics.durationBounds(), metrics.server()::readDurations).of("/hello");
        assertEquals(6, hello[Totals.REQUESTS]);
        assertEquals(3, hello[Totals.BUCKETS + B_0_25]);
        assertEquals(2, hello[Totals.BUCKETS + B_0_75]);
        assertEquals(1, hello[Totals.BUCKETS + B_5]);
    }

    @Test
    void aNativeBoundThatIsAPowerOfTwoStaysInItsBucket() {
        double[] bounds = {0.25, 0.5, 1};
        // schema 0: bucket index -1 is (0.25, 0.5]; computed as 2^-1 it must land on 0.5, not above it
        assertEquals(1, Totals.slot(bounds, Math.pow(2, -1 * Math.pow(2, 0))));
        assertEquals(1, Totals.slot(bounds, 0.5 * (1 + 1e-12)));
        assertEquals(2, Totals.slot(bounds, 0.5 * 1.01));
        assertEquals(3, Totals.slot(bounds, 1.5));
    }

    @Test
    void theOverflowSeriesIsOneKeyWithoutErrors() {
        Metrics metrics = Traffic.metrics("max.series=2");
        Traffic.served(metrics, "GET", "/a", 500, 150, 1);
        Traffic.served(metrics, "GET", "/b", 500, 150, 2);
        Traffic.served(metrics, "GET", "/c", 200, 150, 1);
        Totals totals = Totals.read(metrics.durationBounds(), metrics.server()::readDurations);
        assertEquals(1, totals.of("/a")[Totals.ERRORS]);
        assertEquals(3, totals.of(ServerMetrics.OVERFLOW)[Totals.REQUESTS]);
        assertEquals(0, totals.of(ServerMetrics.OVERFLOW)[Totals.ERRORS], "its error type is not known");
    }

    @Test
    void dottedLabelNamesAreReadToo() {
        Metrics metrics = Traffic.metrics("utf8.names=true");
        Traffic.served(metrics, "GET", "/hello", 503, 150, 2);
        Traffic.called(metrics, "api.example.com", 443, 200, 150, 1);
        Totals server = Totals.read(metrics.durationBounds(), metrics.server()::readDurations);
        assertEquals(2, server.of("/hello")[Totals.ERRORS]);
        assertEquals("[GET]", server.methods("/hello").toString());
        assertEquals(1, Totals.read(metrics.durationBounds(), metrics.client()::readDurations)
                .of("api.example.com:443")[Totals.REQUESTS]);
    }
}
