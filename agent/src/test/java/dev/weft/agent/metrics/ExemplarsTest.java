package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Duration exemplars from a request's traceparent, when no tracer runs (none does in this JVM). */
class ExemplarsTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void traceparentHeaders() {
        assertArrayEquals(new String[] {TRACE, SPAN}, TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN + "-01"));
        assertArrayEquals(new String[] {TRACE, SPAN}, TraceContext.parseTraceparent(" 00-" + TRACE + "-" + SPAN + "-03 "));
        // a later version may append fields after a dash
        assertArrayEquals(new String[] {TRACE, SPAN}, TraceContext.parseTraceparent("01-" + TRACE + "-" + SPAN + "-01-what"));
        assertNull(TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN + "-00"), "not sampled");
        assertNull(TraceContext.parseTraceparent("00-00000000000000000000000000000000-" + SPAN + "-01"), "zero trace");
        assertNull(TraceContext.parseTraceparent("00-" + TRACE + "-0000000000000000-01"), "zero span");
        assertNull(TraceContext.parseTraceparent("ff-" + TRACE + "-" + SPAN + "-01"), "version ff is invalid");
        assertNull(TraceContext.parseTraceparent("00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"), "upper case hex");
        assertNull(TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN + "-01x"));
        assertNull(TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN));
        assertNull(TraceContext.parseTraceparent(null));
        assertNull(TraceContext.parseTraceparent(""));
    }

    @Test
    void aTracedRequestGivesOneExemplarInOpenMetricsAndNoneInText() throws Exception {
        Metrics metrics = TestRegistry.metrics("");
        ServerMetrics server = metrics.server();
        long start = server.start("GET", "00-" + TRACE + "-" + SPAN + "-01");
        server.end(start, "GET", "/traced", 200, null, -1, -1);
        // the next ones fall inside the sampler's interval: counted, no further exemplar
        for (int i = 0; i < 5; i++) {
            long s = server.start("GET", "00-" + TRACE.replace('4', '5') + "-" + SPAN + "-01");
            server.end(s, "GET", "/traced", 200, null, -1, -1);
        }
        // a request this thread did not start (ended asynchronously elsewhere) takes no traceparent
        long other = server.start("GET", "00-" + TRACE.replace('4', '6') + "-" + SPAN + "-01");
        server.end(other - 1, "GET", "/traced", 200, null, -1, -1);
        long untraced = server.start("GET");
        server.end(untraced, "GET", "/untraced", 200, null, -1, -1);

        String om = write(metrics, true);
        List<String> withExemplar = Arrays.stream(om.split("\n")).filter(l -> l.contains(" # {")).collect(Collectors.toList());
        assertEquals(1, withExemplar.size(), om);
        String line = withExemplar.get(0);
        assertTrue(line.startsWith("http_server_request_duration_seconds_bucket{") && line.contains("http_route=\"/traced\"")
                && line.contains("le=\"0.005\"} 7 # {span_id=\"" + SPAN + "\",trace_id=\"" + TRACE + "\"} "), line);
        assertTrue(!write(metrics, false).contains("trace_id"), "Prometheus text carries no exemplars");
    }

    @Test
    void exemplarsOff() throws Exception {
        Metrics metrics = TestRegistry.metrics("exemplars=false");
        long start = metrics.server().start("GET", "00-" + TRACE + "-" + SPAN + "-01");
        metrics.server().end(start, "GET", "/traced", 200, null, -1, -1);
        assertTrue(!write(metrics, true).contains("trace_id"));
    }

    private static String write(Metrics metrics, boolean openMetrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (openMetrics) {
            OpenMetricsTextFormatWriter.create().write(out, metrics.registry().scrape());
        } else {
            PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        }
        return out.toString(StandardCharsets.UTF_8.name());
    }
}
