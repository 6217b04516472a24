package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a Tomcat app running with the agent every second and evaluates
 * deploy/prometheus/weft-rules.yml. After driving known traffic, its HTTP API answers: the target
 * is up, the per-route request counts and rates agree with the requests sent, the error-ratio
 * recording rule is exactly 1 for the failing route and 0 for the others, the high-error alert is
 * pending, and every dashboard expression is accepted by Prometheus.
 */
class PrometheusEndToEndSmokeTest {

    static final String JOB = "weft-demo";
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(90);

    @Test
    void prometheusScrapesTheAgentAndEvaluatesTheRules(@TempDir Path dir) throws Exception {
        int appPort = Ports.free();
        int metricsPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort).env("WEFT_PORT", String.valueOf(metricsPort)).start();
             PrometheusServer prometheus = PrometheusServer.start(dir, config(app.metricsPort()))) {
            String base = "http://127.0.0.1:" + appPort;
            try {
                await(prometheus, "up{job=\"" + JOB + "\"} == 1", r -> r.size() == 1);

                // One request per route first: Prometheus 2 counts a rate from a series' first
                // sample, so the series must exist before the traffic that is measured.
                Map<String, String> routes = new LinkedHashMap<>();
                routes.put("/hello", "/hello");
                routes.put("/users/*", "/users/7");
                routes.put("/fail", "/fail");
                Map<String, Integer> sent = new TreeMap<>(Map.of("/hello", 60, "/users/*", 20, "/fail", 10));
                for (String path : routes.values()) {
                    Http.get(base + path);
                }
                String counts = "sum by (http_route) (http_server_request_duration_seconds_count{job=\"" + JOB + "\"})";
                await(prometheus, counts, r -> valuesByRoute(r).equals(new TreeMap<>(Map.of("/hello", 1.0, "/users/*", 1.0, "/fail", 1.0))));

                for (Map.Entry<String, String> route : routes.entrySet()) {
                    for (int i = 0; i < sent.get(route.getKey()); i++) {
                        Http.get(base + route.getValue());
                    }
                }
                Map<String, Double> expectedCounts = new TreeMap<>();
                sent.forEach((route, n) -> expectedCounts.put(route, n + 1.0));
                JsonNode countResult = await(prometheus, counts, r -> valuesByRoute(r).equals(expectedCounts));
                System.out.println("Prometheus: " + counts + " = " + valuesByRoute(countResult));

                String up = "up{job=\"" + JOB + "\"}";
                System.out.println("Prometheus: " + up + " = " + prometheus.query(up).get(0).get("value").get(1).asText());

                // Rates: every route present, and each route's increase at least what was sent after
                // its first sample (extrapolation only adds, and by less than the traffic itself).
                String rate = "sum by (http_route) (rate(http_server_request_duration_seconds_count{job=\"" + JOB + "\"}[5m]))";
                Map<String, Double> rates = valuesByRoute(prometheus.query(rate));
                System.out.println("Prometheus: " + rate + " = " + rates);
                String increase = "sum by (http_route) (increase(http_server_request_duration_seconds_count{job=\"" + JOB + "\"}[5m]))";
                Map<String, Double> increases = valuesByRoute(prometheus.query(increase));
                System.out.println("Prometheus: " + increase + " = " + increases);
                assertEquals(sent.keySet(), rates.keySet());
                for (Map.Entry<String, Integer> e : sent.entrySet()) {
                    double inc = increases.get(e.getKey());
                    assertTrue(inc >= e.getValue() - 1e-9 && inc <= 2.0 * (e.getValue() + 1), e.getKey() + ": increase " + inc + " for " + e.getValue() + " requests sent");
                    assertTrue(rates.get(e.getKey()) > 0, e.getKey() + " rate");
                }
                assertTrue(rates.get("/hello") > rates.get("/users/*") && rates.get("/users/*") > rates.get("/fail"),
                        "rates ordered as the traffic (60 > 20 > 10): " + rates);

                // Recording rules, evaluated by Prometheus from the shipped file.
                String errorRatio = "job_route:http_server_request_errors:ratio_rate5m{job=\"" + JOB + "\"}";
                JsonNode ratios = await(prometheus, errorRatio, r -> valuesByRoute(r).keySet().equals(sent.keySet()));
                System.out.println("Prometheus: " + errorRatio + " = " + valuesByRoute(ratios));
                assertEquals(new TreeMap<>(Map.of("/hello", 0.0, "/users/*", 0.0, "/fail", 1.0)), valuesByRoute(ratios));
                String recordedRate = "job_route:http_server_requests:rate5m{job=\"" + JOB + "\"}";
                JsonNode recordedRates = await(prometheus, recordedRate, r -> valuesByRoute(r).keySet().equals(sent.keySet()));
                System.out.println("Prometheus: " + recordedRate + " = " + valuesByRoute(recordedRates));

                // 10 of 93 requests failed: above the 5% threshold, so the alert is at least pending.
                String alert = "ALERTS{alertname=\"WeftHighErrorRatio\",job=\"" + JOB + "\"}";
                JsonNode alerts = await(prometheus, alert, r -> r.size() == 1);
                System.out.println("Prometheus: " + alert + " -> alertstate=" + alerts.get(0).get("metric").get("alertstate").asText());

                for (JsonNode group : prometheus.ruleGroups()) {
                    for (JsonNode rule : group.get("rules")) {
                        assertEquals("ok", rule.get("health").asText(), rule.get("name") + ": " + rule.path("lastError").asText());
                    }
                }

                // Every expression of the dashboard is valid PromQL for this Prometheus.
                int accepted = 0;
                for (Map.Entry<String, String> e : Dashboard.load().expressions().entrySet()) {
                    prometheus.query(Dashboard.resolved(e.getValue()));
                    accepted++;
                }
                System.out.println("Prometheus accepted all " + accepted + " dashboard expressions");
            } catch (AssertionError | RuntimeException e) {
                System.out.println("--- Prometheus log ---\n" + prometheus.log());
                throw e;
            }
        }
    }

    private static String config(int metricsPort) {
        Path rules = DeployFiles.deploy("prometheus/weft-rules.yml");
        return "global:\n"
                + "  scrape_interval: 1s\n"
                + "  scrape_timeout: 1s\n"
                + "  evaluation_interval: 1s\n"
                + "rule_files:\n"
                + "  - " + rules + "\n"
                + "scrape_configs:\n"
                + "  - job_name: " + JOB + "\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + metricsPort + "']\n";
    }

    /** Polls the query until its result satisfies the condition; fails with the last result. */
    private static JsonNode await(PrometheusServer prometheus, String promql, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        JsonNode result = prometheus.query(promql);
        while (!done.test(result)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s, " + promql + " is still " + result);
            }
            Thread.sleep(250);
            result = prometheus.query(promql);
        }
        return result;
    }

    private static Map<String, Double> valuesByRoute(JsonNode result) {
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode series : result) {
            values.put(series.get("metric").path("http_route").asText(), Double.parseDouble(series.get("value").get(1).asText()));
        }
        return values;
    }
}
