package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2, "a webapp undeploy must free its loader", on a real container: the undeploy-app runs
 * Jetty 12 (ee10) with a webapp whose servlet and filter are loaded by their own URLClassLoader.
 * With the agent, those classes are woven and the agent's AsyncCompletionListener is defined in
 * that loader; after GET /undeploy the app drops the webapp and reports whether the loader was
 * garbage-collected within 10 s; GET /redeploy deploys it again in a new loader (twenty cycles).
 *
 * <p>The same app without the agent is the control: it shows the app itself lets the loader go, so
 * a "leaked" with the agent is the agent's doing.
 */
class ClassLoaderLeakSmokeTest {

    static final String APP = "undeploy-app";
    static final String MAIN = "dev.weft.smoke.app.undeploy.Main";
    static final String DURATION_COUNT = "http_server_request_duration_seconds_count";
    static final int CYCLES = 20;

    /**
     * Twenty deploy/undeploy cycles, as a long-running container with redeploys sees them: every
     * cycle's loader is woven, then collected after its undeploy; the webapp's series survive the
     * undeploy with their exact counts and keep adding up across redeploys (the route is the same).
     */
    @Test
    void twentyRedeploysFreeEveryWebappLoaderAndKeepExactCounts() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).start()) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                if (cycle > 1) {
                    assertEquals("deployed\n", Http.get(url(port, "/redeploy")).body(), "cycle " + cycle);
                }
                driveWebapp(port);

                // Recorded exactly: the servlet never calls HttpServlet.service, so only advice woven
                // into the webapp loader's own classes (its filter and servlet) can have timed these.
                assertCount(app, 3.0 * cycle, "/webapp/hello");
                assertCount(app, 2.0 * cycle, "/webapp/async");
                String instrumented = Http.get(url(port, "/instrumented")).body();
                assertTrue(instrumented.contains("webapp_classes_woven 2\n"), "cycle " + cycle + ": " + instrumented);
                assertTrue(instrumented.contains("async_listener_in_webapp_loader true\n"), instrumented);
                assertTrue(instrumented.contains("webapp_route_series true\n"), instrumented);

                assertEquals("collected\n", undeploy(port), "cycle " + cycle + ": the webapp's class loader outlived"
                        + " its undeploy\n" + app.output());
                assertEquals(404, Http.get(url(port, "/webapp/hello")).statusCode());
                // the undeployed app's series stay, unchanged by the undeploy and the 404
                assertCount(app, 3.0 * cycle, "/webapp/hello");
                assertCount(app, 2.0 * cycle, "/webapp/async");
            }
            Scrape scrape = app.scrape();
            assertEquals(0.0, scrape.value("weft_instrumentation_errors_total"));
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"));
        }
    }

    @Test
    void undeployedWebappLoaderIsCollectedWithoutTheAgent() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).withoutAgent().start()) {
            driveWebapp(port);

            String instrumented = Http.get(url(port, "/instrumented")).body();
            assertTrue(instrumented.contains("webapp_classes_woven -1\n"), instrumented);
            assertTrue(instrumented.contains("async_listener_in_webapp_loader false\n"), instrumented);

            assertEquals("collected\n", undeploy(port), "the app itself keeps its webapp's loader: the test cannot"
                    + " tell the agent's leaks from its own\n" + app.output());
            assertEquals(404, Http.get(url(port, "/webapp/hello")).statusCode());
        }
    }

    /** Three synchronous and two asynchronous requests, each through the webapp's filter. */
    private static void driveWebapp(int port) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertWebapp(Http.get(url(port, "/webapp/hello")), "hello from the webapp\n");
        }
        for (int i = 0; i < 2; i++) {
            assertWebapp(Http.get(url(port, "/webapp/async")), "async hello from the webapp\n");
        }
    }

    private static void assertWebapp(HttpResponse<String> response, String body) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(body, response.body());
        assertEquals("passed", response.headers().firstValue("X-Webapp-Filter").orElse(null), "the webapp's filter ran");
    }

    private static String undeploy(int port) throws Exception {
        HttpResponse<String> response = Http.get(url(port, "/undeploy"));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /**
     * The duration count of a GET 200 on the route. The agent records when the outermost call
     * returns (or the async request completes), which can be just after the client has read the
     * response: waits up to five seconds for the exact value.
     */
    private static void assertCount(AgentJvm app, double expected, String route) throws Exception {
        String[] labels = {"http_request_method", "GET", "http_route", route,
                "http_response_status_code", "200", "error_type", ""};
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !has(scrape, expected, labels); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, scrape.value(DURATION_COUNT, labels), DURATION_COUNT + " " + route);
    }

    private static boolean has(Scrape scrape, double expected, String... labels) {
        try {
            return scrape.value(DURATION_COUNT, labels) == expected;
        } catch (AssertionError absent) {
            return false;
        }
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
