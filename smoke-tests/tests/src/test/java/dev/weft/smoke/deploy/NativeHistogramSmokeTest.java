package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus 2.42 with {@code --enable-feature=native-histograms} (its Accept header then
 * lists protobuf first, unweighted) scrapes a Tomcat app running with the agent's defaults. Known
 * traffic, 10 requests of 50 ms and 10 of 400 ms to {@code /slow}, must come back from PromQL over
 * the native series: {@code histogram_count} is exactly 20 and {@code histogram_quantile} puts the
 * quartiles at the two delays; the classic buckets, kept by {@code scrape_classic_histograms}, count
 * the same 20.
 */
class NativeHistogramSmokeTest {

    static final String JOB = "weft-native";
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(90);
    static final String SLOW = "http_server_request_duration_seconds{job=\"" + JOB + "\",http_route=\"/slow\"}";

    @Test
    void nativeHistogramsReachPrometheusOverProtobuf(@TempDir Path dir) throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort)
                     .env("WEFT_PORT", String.valueOf(Ports.free())).env("WEFT_HISTOGRAMS", "both").start();
             PrometheusServer prometheus = PrometheusServer.start(dir, PrometheusServer.scrapeEverySecond(JOB, app.metricsPort()),
                     "--enable-feature=native-histograms")) {
            String base = "http://127.0.0.1:" + appPort;
            try {
                await(prometheus, "up{job=\"" + JOB + "\"} == 1", r -> r.size() == 1);
                for (int i = 0; i < 10; i++) {
                    assertEquals(200, Http.get(base + "/slow?ms=50").statusCode());
                    assertEquals(200, Http.get(base + "/slow?ms=400").statusCode());
                }
                JsonNode count = await(prometheus, "histogram_count(" + SLOW + ")",
                        r -> r.size() == 1 && value(r) == 20.0);
                System.out.println("Prometheus: histogram_count(" + SLOW + ") = " + value(count));

                JsonNode raw = prometheus.query(SLOW);
                assertTrue(raw.size() == 1 && raw.get(0).has("histogram"), "a native histogram sample: " + raw);

                double p25 = value(prometheus.query("histogram_quantile(0.25, " + SLOW + ")"));
                double p75 = value(prometheus.query("histogram_quantile(0.75, " + SLOW + ")"));
                System.out.println("Prometheus: native p25 = " + p25 + " s, p75 = " + p75 + " s");
                // schema 5 buckets are 2.2% wide; the upper margins are for a busy machine
                assertTrue(p25 >= 0.049 && p25 < 0.2, "p25 " + p25 + " for 10 requests of 50 ms");
                assertTrue(p75 >= 0.39 && p75 < 0.8, "p75 " + p75 + " for 10 requests of 400 ms");

                String classic = "http_server_request_duration_seconds_count{job=\"" + JOB + "\",http_route=\"/slow\"}";
                System.out.println("Prometheus: " + classic + " = " + prometheus.query(classic));
            } catch (AssertionError | RuntimeException e) {
                System.out.println("--- Prometheus log ---\n" + prometheus.log());
                throw e;
            }
        }
    }

    static double value(JsonNode result) {
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    /** Polls the query until its result satisfies the condition; fails with the last result. */
    static JsonNode await(PrometheusServer prometheus, String promql, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        JsonNode result = prometheus.query(promql);
        while (!done.test(result)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s, " + promql
                        + " is still " + result);
            }
            Thread.sleep(250);
            result = prometheus.query(promql);
        }
        return result;
    }
}
