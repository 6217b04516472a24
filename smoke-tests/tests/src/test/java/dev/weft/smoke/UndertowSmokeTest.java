package dev.weft.smoke;

import static dev.weft.smoke.ServerRuns.DURATION;
import static dev.weft.smoke.ServerRuns.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Undertow core (2.3) with HttpHandler chains and no servlets, embedded as users do: routes from the
 * RoutingHandler templates (under a PathHandler prefix too), the path heuristic for a handler
 * without one, 404s as unmatched, exceptions and 500s, and requests answered after their handler
 * returned (from another thread, from a worker) timed to their end. The responses are those of the
 * same app without the agent.
 */
class UndertowSmokeTest {

    private static final String MAIN = "dev.weft.smoke.app.undertow.UndertowMain";
    private static final List<String> PATHS = List.of("/items/7", "/items/8", "/api/orders/12", "/plain/12345",
            "/nowhere/8675309", "/boom", "/fail", "/later/5", "/later/6", "/blocking");

    @Test
    void handlerChainsAreTimedToTheEndOfTheirExchange() throws Exception {
        List<String> without;
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("undertow-app", MAIN).arg(port).withoutAgent().start()) {
            without = ServerRuns.drive(port, PATHS);
        }
        port = Ports.free();
        try (AgentJvm app = AgentJvm.app("undertow-app", MAIN).arg(port).start()) {
            List<String> with = ServerRuns.drive(port, PATHS);
            assertEquals(without, with);
            assertEquals("/items/7 -> 200 item 7", with.get(0));
            assertEquals("/later/5 -> 200 later 5", with.get(7));
            assertEquals("/blocking -> 200 blocked", with.get(9));

            Scrape scrape = ServerRuns.awaitTotal(app, PATHS.size());
            String count = DURATION + "_count";
            assertEquals(2.0, scrape.value(count, labels("GET", "/items/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/orders/{orderId}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/plain/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "unmatched", "404", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/boom", "500", "java.lang.IllegalStateException")),
                    scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/fail", "500", "500")), scrape.text());
            assertEquals(2.0, scrape.value(count, labels("GET", "/later/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/blocking", "200", "")), scrape.text());
            assertEquals(8, scrape.samples(count).size(), scrape.text());
            // the 300 ms after the handler returned are part of each duration
            assertTrue(scrape.value(DURATION + "_sum", labels("GET", "/later/{id}", "200", "")) >= 0.6, scrape.text());
            assertTrue(scrape.value(DURATION + "_sum", labels("GET", "/blocking", "200", "")) >= 0.3, scrape.text());
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            ServerRuns.assertNoRawPaths(scrape, "8675309", "12345");
            assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("does not instrument")),
                    app.weftLines().toString());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
        }
    }

    @Test
    void withTheModuleDisabledTheAgentSaysUndertowIsNotMeasured() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("undertow-app", MAIN).arg(port)
                .env("WEFT_INSTRUMENTATIONS_DISABLED", "undertow").start()) {
            assertEquals("200 item 1", ServerRuns.get(port, "/items/1"));
            Thread.sleep(300);
            Scrape scrape = app.scrape();
            assertTrue(scrape.samples(DURATION + "_count").isEmpty(), scrape.text());
            assertEquals(1, app.weftLines().stream().filter(l -> l.equals("weft: found Undertow core without servlets"
                    + " (io.undertow.Undertow; the undertow instrumentation is disabled), which Weft does not"
                    + " instrument: its requests are not measured (docs/metrics.md lists the covered stacks)")).count(),
                    app.weftLines().toString());
        }
    }
}
