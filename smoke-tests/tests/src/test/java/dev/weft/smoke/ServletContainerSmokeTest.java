package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One real servlet container with the agent, driven over HTTP and checked on the real scrape.
 * Each subclass names a container; every container serves the same servlets at the same mappings
 * (see the smoke apps' TestServlets), and each test drives its own routes, so exact counts hold
 * whatever order the tests run in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletContainerSmokeTest {

    static final String DURATION = "http_server_request_duration_seconds";

    private AgentJvm app;
    private int appPort;

    /** The smoke app module, e.g. servlet-jakarta-app. */
    abstract String app();

    abstract String mainClass();

    @BeforeAll
    void startApp() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app(app(), mainClass()).arg(appPort).start();
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }

    static double count(Scrape scrape, String method, String route, String status, String errorType) {
        return scrape.value(DURATION + "_count", "http_request_method", method, "http_route", route,
                "http_response_status_code", status, "error_type", errorType);
    }

    @Test
    void agentPrintsOneStartupLineAndNoJvmWarnings() throws Exception {
        Http.get(url("/async"));
        List<String> weft = app.weftLines();
        assertEquals(1, weft.size(), "weft lines: " + weft);
        assertTrue(weft.get(0).contains("serving metrics on " + app.metricsUrl()), weft.get(0));
        for (String line : app.stderr()) {
            assertTrue(!line.startsWith("WARNING"), "the JVM warned about something the agent did: " + app.output());
        }
    }

    @Test
    void tenRequestsToHelloAreTenObservations() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, Http.get(url("/hello")).statusCode());
        }
        Scrape scrape = app.scrape();
        assertEquals(10.0, count(scrape, "GET", "/hello", "200", ""));
        assertEquals(10.0, scrape.value("http_server_response_body_size_bytes_count", "http_request_method", "GET",
                "http_route", "/hello", "http_response_status_code", "200", "error_type", ""));
        assertEquals(60.0, scrape.value("http_server_response_body_size_bytes_sum", "http_request_method", "GET",
                "http_route", "/hello", "http_response_status_code", "200", "error_type", ""), "10 × \"hello\\n\"");
    }

    @Test
    void requestBodySizeComesFromContentLength() throws Exception {
        assertEquals(200, Http.post(url("/hello"), "abcd").statusCode());
        Scrape scrape = app.scrape();
        assertEquals(1.0, count(scrape, "POST", "/hello", "200", ""));
        assertEquals(4.0, scrape.value("http_server_request_body_size_bytes_sum", "http_request_method", "POST",
                "http_route", "/hello", "http_response_status_code", "200", "error_type", ""));
    }

    @Test
    void pathMappingIsTheRouteNotTheRawPath() throws Exception {
        for (String id : new String[] {"1", "2", "alice"}) {
            assertEquals(200, Http.get(url("/users/" + id)).statusCode());
        }
        Scrape scrape = app.scrape();
        assertEquals(3.0, count(scrape, "GET", "/users/*", "200", ""));
        for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
            assertTrue(!s.labels.get("http_route").contains("alice"), "raw path leaked into a label: " + s);
        }
    }

    @Test
    void asyncRequestIsTimedToItsCompletion() throws Exception {
        assertEquals(200, Http.get(url("/async")).statusCode());
        Scrape scrape = waitForCount("/async", 1.0);
        double seconds = scrape.value(DURATION + "_sum", "http_request_method", "GET", "http_route", "/async",
                "http_response_status_code", "200", "error_type", "");
        assertTrue(seconds >= 0.3, "async request took " + seconds + " s; the servlet completes it after 300 ms");
        assertEquals(0.0, scrape.value(DURATION + "_bucket", "http_request_method", "GET", "http_route", "/async",
                "http_response_status_code", "200", "error_type", "", "le", "0.25"));
    }

    @Test
    void activeRequestsCountsARequestInFlight() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(url("/slow?ms=3000"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double inFlight = 0;
        for (int i = 0; i < 50 && inFlight < 1; i++) {
            Thread.sleep(50);
            inFlight = app.scrape().value("http_server_active_requests", "http_request_method", "GET");
        }
        assertEquals(1.0, inFlight, "one GET in flight");
        assertEquals(200, slow.get().statusCode());
        waitForCount("/slow", 1.0);
        assertEquals(0.0, app.scrape().value("http_server_active_requests", "http_request_method", "POST"));
    }

    @Test
    void forwardIsOneObservationUnderTheRequestedRoute() throws Exception {
        assertEquals(200, Http.get(url("/forward")).statusCode());
        assertEquals(200, Http.get(url("/forward")).statusCode());
        assertEquals(2.0, count(app.scrape(), "GET", "/forward", "200", ""));
    }

    @Test
    void filterChainIsOneObservation() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(url("/chain/hello")).statusCode());
        }
        assertEquals(3.0, count(app.scrape(), "GET", "/chain/hello", "200", ""));
    }

    @Test
    void filterThatAnswersItselfIsRecorded() throws Exception {
        assertEquals(401, Http.get(url("/guarded")).statusCode());
        assertEquals(1.0, count(app.scrape(), "GET", "/guarded", "401", ""));
    }

    @Test
    void exceptionIsStatus500WithItsClassAsErrorType() throws Exception {
        assertEquals(500, Http.get(url("/fail")).statusCode());
        assertEquals(1.0, count(app.scrape(), "GET", "/fail", "500", "java.lang.IllegalStateException"));
    }

    @Test
    void serverErrorStatusIsItsOwnErrorType() throws Exception {
        assertEquals(503, Http.get(url("/teapot")).statusCode());
        assertEquals(1.0, count(app.scrape(), "GET", "/teapot", "503", "503"));
    }

    @Test
    void notFoundUrlsShareOneSeries() throws Exception {
        for (String path : new String[] {"/nope/1", "/nope/2", "/wp-admin.php", "/a/b/c/d/e"}) {
            assertEquals(404, Http.get(url(path)).statusCode());
        }
        Scrape scrape = app.scrape();
        assertEquals(4.0, count(scrape, "GET", "unmatched", "404", ""));
        for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
            String route = s.labels.get("http_route");
            assertTrue(!route.contains("nope") && !route.contains("wp-admin"), "raw 404 path in a label: " + s);
        }
    }

    @Test
    void unknownMethodIsOther() throws Exception {
        HttpResponse<String> response = Http.method(url("/users/x"), "BREW");
        assertTrue(response.statusCode() >= 400, "BREW is not implemented: " + response.statusCode());
        List<Scrape.Sample> other = app.scrape().samplesWith(DURATION + "_count", "http_request_method", "_OTHER");
        assertEquals(1, other.size(), "one _OTHER series: " + other);
        assertEquals("/users/*", other.get(0).labels.get("http_route"));
    }

    /** Async completion is recorded by a container thread just after the response is sent: poll briefly. */
    private Scrape waitForCount(String route, double expected) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100; i++) {
            if (!scrape.samplesWith(DURATION + "_count", "http_route", route).isEmpty()
                    && count(scrape, "GET", route, "200", "") >= expected) {
                break;
            }
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, count(scrape, "GET", route, "200", ""));
        return scrape;
    }
}
