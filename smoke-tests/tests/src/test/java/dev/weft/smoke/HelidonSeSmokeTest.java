package dev.weft.smoke;

import static dev.weft.smoke.ServerRuns.DURATION;
import static dev.weft.smoke.ServerRuns.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Helidon 4 SE, its WebServer embedded as users do, routed by HttpRouting: routes are the path
 * patterns the routing matched (a service's prefix included), a 404 the handler sent keeps its
 * pattern, Helidon's own 404s (no route, or a wildcard route that passed the request on) are
 * {@code unmatched}, a filter's 401 gets the path heuristic, an exception is a 500 with its class,
 * and a handler that blocks its virtual thread is timed to its response. The responses are those of
 * the same app without the agent. Helidon 4 needs Java 21: on an older JDK the test is skipped.
 */
class HelidonSeSmokeTest {

    private static final String APP = "helidon-se-app";
    private static final String MAIN = "dev.weft.smoke.app.helidon.se.HelidonSeMain";
    private static final List<String> PATHS = List.of("/hello", "/hello", "/items/7", "/items/8", "/items/0",
            "/api/orders/12", "/nowhere/8675309", "/files/report-8675309.txt", "/guarded", "/slow", "/boom", "/teapot");

    @BeforeEach
    void needsJava21() {
        Assumptions.assumeTrue(AgentJvm.javaFeature() >= 21,
                "Helidon 4 needs Java 21; the smoke JDK is " + AgentJvm.javaFeature() + " (the Java 25 run covers it)");
    }

    @Test
    void routesArePathPatternsAndEveryRequestIsRecordedOnce() throws Exception {
        List<String> without;
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).withoutAgent().start()) {
            without = ServerRuns.drive(port, PATHS);
            without.add(post(port));
        }
        port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).start()) {
            List<String> with = ServerRuns.drive(port, PATHS);
            with.add(post(port));
            assertEquals(without, with);
            assertEquals("/items/7 -> 200 item 7", with.get(2));
            assertEquals("/guarded -> 401 who are you\n", with.get(8));

            Scrape scrape = ServerRuns.awaitTotal(app, PATHS.size() + 1);
            String count = DURATION + "_count";
            assertEquals(2.0, scrape.value(count, labels("GET", "/hello", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("POST", "/hello", "200", "")), scrape.text());
            assertEquals(2.0, scrape.value(count, labels("GET", "/items/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/items/{id}", "404", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/orders/{orderId}", "200", "")), scrape.text());
            assertEquals(2.0, scrape.value(count, labels("GET", "unmatched", "404", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/guarded", "401", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/slow", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/boom", "500", "java.lang.IllegalStateException")),
                    scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/teapot", "503", "503")), scrape.text());
            assertEquals(10, scrape.samples(count).size(), scrape.text());
            // the handler sleeps 300 ms on its virtual thread before it answers
            assertTrue(scrape.value(DURATION + "_sum", labels("GET", "/slow", "200", "")) >= 0.3, scrape.text());
            assertEquals(4.0, scrape.value("http_server_request_body_size_bytes_sum", labels("POST", "/hello", "200", "")),
                    scrape.text());
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            ServerRuns.assertNoRawPaths(scrape, "8675309");
            assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("does not instrument")),
                    app.weftLines().toString());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
        }
    }

    @Test
    void withTheModuleDisabledTheAgentSaysHelidonIsNotMeasured() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).env("WEFT_INSTRUMENTATIONS_DISABLED", "helidon").start()) {
            assertEquals("200 item 1", ServerRuns.get(port, "/items/1"));
            Thread.sleep(300);
            Scrape scrape = app.scrape();
            assertTrue(scrape.samples(DURATION + "_count").isEmpty(), scrape.text());
            assertEquals(1, app.weftLines().stream().filter(l -> l.equals("weft: found Helidon WebServer"
                    + " (io.helidon.webserver.WebServer; the helidon instrumentation is disabled), which Weft does not"
                    + " instrument: its requests are not measured (docs/metrics.md lists the covered stacks)")).count(),
                    app.weftLines().toString());
        }
    }

    /** A POST with a 4-byte body. */
    private static String post(int port) throws Exception {
        java.net.http.HttpResponse<String> r = Http.post("http://127.0.0.1:" + port + "/hello", "abcd");
        return "POST /hello -> " + r.statusCode() + " " + r.body();
    }
}
