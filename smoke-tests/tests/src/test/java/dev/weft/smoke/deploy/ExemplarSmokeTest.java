package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus 2.42 with {@code --enable-feature=exemplar-storage} scrapes (OpenMetrics) a
 * Tomcat app that runs no tracer; requests carry a W3C {@code traceparent}. The duration
 * exemplars Weft takes from it come back from {@code /api/v1/query_exemplars} with the trace and
 * span ids that were sent; an unsampled traceparent gives none, and the text scrape has none.
 */
class ExemplarSmokeTest {

    static final String JOB = "weft-exemplars";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";
    static final String UNSAMPLED_TRACE = "11111111111111111111111111111111";

    @Test
    void exemplarsFromTraceparentReachPrometheus(@TempDir Path dir) throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort)
                     .env("WEFT_PORT", String.valueOf(Ports.free())).start();
             PrometheusServer prometheus = PrometheusServer.start(dir, PrometheusServer.scrapeEverySecond(JOB, app.metricsPort()),
                     "--enable-feature=exemplar-storage")) {
            String base = "http://127.0.0.1:" + appPort;
            try {
                NativeHistogramSmokeTest.await(prometheus, "up{job=\"" + JOB + "\"} == 1", r -> r.size() == 1);
                assertEquals(200, Http.get(base + "/users/1", "traceparent", "00-" + UNSAMPLED_TRACE + "-" + SPAN + "-00").statusCode());
                assertEquals(200, Http.get(base + "/hello", "traceparent", "00-" + TRACE + "-" + SPAN + "-01").statusCode());

                String selector = "http_server_request_duration_seconds_bucket{job=\"" + JOB + "\"}";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonNode data = prometheus.exemplars(selector, 600);
                while (data.size() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    data = prometheus.exemplars(selector, 600);
                }
                System.out.println("Prometheus: query_exemplars(" + selector + ") = " + data);
                Set<String> traces = new HashSet<>();
                for (JsonNode series : data) {
                    assertEquals("/hello", series.get("seriesLabels").get("http_route").asText(), series.toString());
                    for (JsonNode e : series.get("exemplars")) {
                        traces.add(e.get("labels").get("trace_id").asText());
                        assertEquals(SPAN, e.get("labels").get("span_id").asText());
                        double seconds = Double.parseDouble(e.get("value").asText());
                        assertTrue(seconds > 0 && seconds < 5, "the observed duration: " + seconds);
                    }
                }
                assertEquals(Set.of(TRACE), traces, "only the sampled trace: " + data);
                assertTrue(!Http.get(app.metricsUrl()).body().contains("trace_id"), "text scrapes carry no exemplars");
            } catch (AssertionError | RuntimeException e) {
                System.out.println("--- Prometheus log ---\n" + prometheus.log());
                throw e;
            }
        }
    }
}
