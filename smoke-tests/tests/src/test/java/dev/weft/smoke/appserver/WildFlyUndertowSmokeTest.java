package dev.weft.smoke.appserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.Http;
import dev.weft.smoke.Scrape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WildFly serves its servlets through Undertow, whose core the undertow instrumentation weaves: a
 * request to a servlet is recorded once, by the servlet modules (the Undertow observation steps aside
 * as they start), and a request no deployment serves (WildFly's welcome-content handler answers 404)
 * is recorded by the Undertow observation, which shows it is woven here.
 */
@Tag("appserver")
class WildFlyUndertowSmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";

    private static String[] labels(String route, String status) {
        return new String[] {"http_request_method", "GET", "http_route", route,
                "http_response_status_code", status, "error_type", ""};
    }

    @Test
    void servletRequestsAreCountedOnceAndRequestsOutsideDeploymentsByUndertow() throws Exception {
        try (AppServer server = new WildFly(WildFly.Agent.JAVA_OPTS)) {
            server.start(true, "http://127.0.0.1:9/unused");
            Scrape before = Scrape.of(Http.get(server.metricsUrl()).body());
            assertEquals(200, Http.get(server.url("/app/hello")).statusCode());
            assertEquals(200, Http.get(server.url("/app/hello")).statusCode());
            assertEquals(404, Http.get(server.url("/nowhere/8675309")).statusCode());
            Scrape after = before;
            for (int i = 0; i < 50 && total(after) - total(before) < 3; i++) {
                Thread.sleep(100);
                after = Scrape.of(Http.get(server.metricsUrl()).body());
            }
            Thread.sleep(300); // a second recording of any of them would have arrived by now
            after = Scrape.of(Http.get(server.metricsUrl()).body());
            String log = after.text() + "\n" + server.log();
            assertEquals(3.0, total(after) - total(before), log);
            assertEquals(2.0, value(after, labels("/app/hello", "200")) - value(before, labels("/app/hello", "200")), log);
            assertEquals(1.0, value(after, labels("unmatched", "404")) - value(before, labels("unmatched", "404")), log);
            assertEquals(0.0, after.value("http_server_active_requests", "http_request_method", "GET"), log);
            assertEquals(0.0, after.value("weft_advice_errors_total"), log);
        }
    }

    private static double total(Scrape scrape) {
        return scrape.samples(COUNT).stream().mapToDouble(s -> s.value).sum();
    }

    private static double value(Scrape scrape, String... labels) {
        try {
            return scrape.value(COUNT, labels);
        } catch (AssertionError absent) {
            return 0.0;
        }
    }
}
