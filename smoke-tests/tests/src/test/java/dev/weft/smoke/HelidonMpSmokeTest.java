package dev.weft.smoke;

import static dev.weft.smoke.ServerRuns.DURATION;
import static dev.weft.smoke.ServerRuns.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Helidon 4 MP (Jersey on the Helidon WebServer), packaged and started as its users do: the
 * application jar with its libs/ folder, {@code java -jar}. A JAX-RS request is recorded once, by
 * Jersey's observation, with its resource template under the application path; the Helidon
 * observation it started in steps aside. Requests JAX-RS does not match and requests outside the
 * application path are Helidon's own 404s, each recorded once as {@code unmatched}. The responses
 * are those of the same app without the agent. Helidon 4 needs Java 21: on an older JDK the test is
 * skipped.
 */
class HelidonMpSmokeTest {

    private static final String APP = "helidon-mp-app";
    private static final List<String> PATHS = List.of("/api/items/1", "/api/items/2", "/api/items/0",
            "/api/items/7/broken", "/api/items/3/slow", "/api/nothing/8675309", "/outside/8675309");

    private static AgentJvm.Builder app(int port) {
        return AgentJvm.runnableJar(APP)
                .jvmOption("-Dserver.host=127.0.0.1").jvmOption("-Dserver.port=" + port);
    }

    @Test
    void jaxRsRequestsAreRecordedOnceWithTheirTemplates() throws Exception {
        Assumptions.assumeTrue(AgentJvm.javaFeature() >= 21,
                "Helidon 4 needs Java 21; the smoke JDK is " + AgentJvm.javaFeature() + " (the Java 25 run covers it)");
        List<String> without;
        int port = Ports.free();
        try (AgentJvm app = app(port).withoutAgent().start()) {
            without = ServerRuns.drive(port, PATHS);
        }
        port = Ports.free();
        try (AgentJvm app = app(port).start()) {
            List<String> with = ServerRuns.drive(port, PATHS);
            assertEquals(without, with);
            assertEquals("/api/items/1 -> 200 item 1\n", with.get(0));
            assertTrue(with.get(3).startsWith("/api/items/7/broken -> 500 "), with.get(3));

            Scrape scrape = ServerRuns.awaitTotal(app, PATHS.size());
            Thread.sleep(300); // a second recording of any of them would arrive by now
            scrape = app.scrape();
            String count = DURATION + "_count";
            assertEquals(2.0, scrape.value(count, labels("GET", "/api/items/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/items/{id}", "404", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/items/{id}/broken", "500",
                    "java.lang.IllegalStateException")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/items/{id}/slow", "200", "")), scrape.text());
            assertEquals(2.0, scrape.value(count, labels("GET", "unmatched", "404", "")), scrape.text());
            assertEquals(5, scrape.samples(count).size(), scrape.text());
            assertEquals(PATHS.size(), scrape.samples(count).stream().mapToDouble(s -> s.value).sum(), scrape.text());
            assertTrue(scrape.value(DURATION + "_sum", labels("GET", "/api/items/{id}/slow", "200", "")) >= 0.3,
                    scrape.text());
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("does not instrument")),
                    app.weftLines().toString());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
        }
    }
}
