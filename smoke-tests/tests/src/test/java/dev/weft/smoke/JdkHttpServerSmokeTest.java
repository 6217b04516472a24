package dev.weft.smoke;

import static dev.weft.smoke.ServerRuns.DURATION;
import static dev.weft.smoke.ServerRuns.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK's com.sun.net.httpserver with plain handlers: a context other than / is a prefix route
 * ({@code /api/*}), the root context gets the path heuristic and unmatched for its 404s, a handler
 * that throws (the server closes the connection unanswered) counts as a 500 with the exception's
 * class, and a response another thread sends after the handler returned is timed to its end. The
 * responses are those of the same app without the agent.
 */
class JdkHttpServerSmokeTest {

    private static final String MAIN = "dev.weft.smoke.app.jdkhttpserver.JdkHttpServerMain";
    private static final List<String> PATHS = List.of("/items/7", "/items/8", "/api/x/12", "/nowhere/8675309",
            "/boom", "/fail", "/empty", "/later/5", "/later/6");

    @Test
    void handlersAreTimedUntilTheirResponseIsClosed() throws Exception {
        List<String> without;
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("jdk-http-server-app", MAIN).arg(port).withoutAgent().start()) {
            without = ServerRuns.drive(port, PATHS);
        }
        port = Ports.free();
        try (AgentJvm app = AgentJvm.app("jdk-http-server-app", MAIN).arg(port).start()) {
            List<String> with = ServerRuns.drive(port, PATHS);
            assertEquals(without, with);
            assertEquals("/items/7 -> 200 item 7", with.get(0));
            assertEquals("/boom -> no response", with.get(4));
            assertEquals("/later/5 -> 200 later /later/5", with.get(7));

            Scrape scrape = ServerRuns.awaitTotal(app, PATHS.size());
            String count = DURATION + "_count";
            assertEquals(2.0, scrape.value(count, labels("GET", "/items/{id}", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/api/*", "200", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "unmatched", "404", "")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/boom/*", "500", "java.lang.IllegalStateException")),
                    scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/fail/*", "500", "500")), scrape.text());
            assertEquals(1.0, scrape.value(count, labels("GET", "/empty/*", "204", "")), scrape.text());
            assertEquals(2.0, scrape.value(count, labels("GET", "/later/*", "200", "")), scrape.text());
            assertEquals(7, scrape.samples(count).size(), scrape.text());
            // the 300 ms between the handler's return and the response are part of each duration
            assertTrue(scrape.value(DURATION + "_sum", labels("GET", "/later/*", "200", "")) >= 0.6, scrape.text());
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            ServerRuns.assertNoRawPaths(scrape, "8675309", "x/12");
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
        }
    }

    /**
     * Jersey on the JDK server times the request itself: the server's observation steps aside as
     * Jersey starts, so the request is one series under Jersey's template, and no request stays
     * counted as active.
     */
    @Test
    void jerseyOnTheJdkServerIsCountedOnceUnderItsTemplate() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("jersey3-app", "dev.weft.smoke.app.jersey3.HttpServerMain").arg(port).start()) {
            assertEquals("200 user 1", ServerRuns.get(port, "/api/users/1"));
            assertEquals("200 user 2", ServerRuns.get(port, "/api/users/2"));
            Scrape scrape = ServerRuns.awaitTotal(app, 2);
            Thread.sleep(300); // a second recording, were there one, would have arrived by now
            scrape = app.scrape();
            String count = DURATION + "_count";
            assertEquals(2.0, scrape.value(count, labels("GET", "/api/users/{id}", "200", "")), scrape.text());
            assertEquals(1, scrape.samples(count).size(), scrape.text());
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
        }
    }
}
