package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reactor Netty's HTTP server without WebFlux gets the path heuristic, never a raw path; and with the
 * reactor-netty instrumentation disabled, the agent says the server it found is not measured rather
 * than showing the empty (or zero) series of an idle server.
 */
class ReactorNettySmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";

    private static String[] labels(String route, String status) {
        return new String[] {"http_request_method", "GET", "http_route", route,
                "http_response_status_code", status, "error_type", ""};
    }

    @Test
    void aPlainReactorNettyServerGetsThePathHeuristic() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("webflux-app", "dev.weft.smoke.app.webflux.PlainReactorNettyServer")
                .arg(port).start()) {
            assertEquals("order 12345\n", Http.get("http://127.0.0.1:" + port + "/orders/12345").body());
            assertEquals("order 67890\n", Http.get("http://127.0.0.1:" + port + "/orders/67890?x=1").body());
            assertEquals(404, Http.get("http://127.0.0.1:" + port + "/nope/1").statusCode());
            Scrape scrape = app.scrape();
            for (int i = 0; i < 100 && scrape.samples(COUNT).stream().mapToDouble(s -> s.value).sum() < 3; i++) {
                Thread.sleep(50);
                scrape = app.scrape();
            }
            assertEquals(2.0, scrape.value(COUNT, labels("/orders/{id}", "200")), scrape.text());
            assertEquals(1.0, scrape.value(COUNT, labels("unmatched", "404")), scrape.text());
            assertEquals(2, scrape.samples(COUNT).size(), scrape.text());
            assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("does not instrument")), app.weftLines().toString());
        }
    }

    @Test
    void anUncoveredServerIsNamedAndHasNoSeries() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("webflux-app", "dev.weft.smoke.app.webflux.PlainReactorNettyServer")
                .arg(port).env("WEFT_INSTRUMENTATIONS_DISABLED", "reactor-netty,spring-webflux").start()) {
            Scrape idle = app.scrape();
            assertTrue(idle.samples("http_server_active_requests").isEmpty(), idle.text());
            assertEquals("order 1\n", Http.get("http://127.0.0.1:" + port + "/orders/1").body());
            Thread.sleep(300);
            Scrape scrape = app.scrape();
            assertTrue(scrape.samples(COUNT).isEmpty(), scrape.text());
            assertTrue(scrape.samples("http_server_active_requests").isEmpty(), scrape.text());
            assertEquals(1, app.weftLines().stream().filter(l -> l.equals("weft: found Reactor Netty HTTP server"
                    + " (reactor.netty.http.server.HttpServer; the reactor-netty instrumentation is disabled), which"
                    + " Weft does not instrument: its requests are not measured (docs/metrics.md lists the covered"
                    + " stacks)")).count(), app.weftLines().toString());
        }
    }
}
