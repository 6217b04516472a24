package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
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

    static String[] labels(String method, String route, String status, String errorType) {
        return new String[] {"http_request_method", method, "http_route", route,
                "http_response_status_code", status, "error_type", errorType};
    }

    /**
     * Asserts the duration histogram's count for the label set. The agent records when the
     * outermost servlet call returns, which can be just after the client has read a response whose
     * length was declared: the assertion waits up to five seconds for the exact value.
     */
    void assertCount(double expected, String method, String route, String status, String errorType) throws Exception {
        assertValue(expected, DURATION + "_count", labels(method, route, status, errorType));
    }

    /** Waits up to five seconds for the series to reach exactly {@code expected}, then checks it once more. */
    Scrape assertValue(double expected, String name, String... labelPairs) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !has(scrape, expected, name, labelPairs); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, scrape.value(name, labelPairs), name + " " + String.join(",", labelPairs));
        return scrape;
    }

    private static boolean has(Scrape scrape, double expected, String name, String... labelPairs) {
        try {
            return scrape.value(name, labelPairs) == expected;
        } catch (AssertionError absent) {
            return false;
        }
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
        assertCount(10.0, "GET", "/hello", "200", "");
        assertValue(10.0, "http_server_response_body_size_bytes_count", labels("GET", "/hello", "200", ""));
        assertValue(60.0, "http_server_response_body_size_bytes_sum", labels("GET", "/hello", "200", "")); // 10 × "hello\n"
    }

    @Test
    void requestBodySizeComesFromContentLength() throws Exception {
        assertEquals(200, Http.post(url("/hello"), "abcd").statusCode());
        assertCount(1.0, "POST", "/hello", "200", "");
        assertValue(4.0, "http_server_request_body_size_bytes_sum", labels("POST", "/hello", "200", ""));
    }

    @Test
    void pathMappingIsTheRouteNotTheRawPath() throws Exception {
        for (String id : new String[] {"1", "2", "alice"}) {
            assertEquals(200, Http.get(url("/users/" + id)).statusCode());
        }
        Scrape scrape = assertValue(3.0, DURATION + "_count", labels("GET", "/users/*", "200", ""));
        for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
            assertTrue(!s.labels.get("http_route").contains("alice"), "raw path leaked into a label: " + s);
        }
    }

    @Test
    void asyncRequestIsTimedToItsCompletion() throws Exception {
        assertEquals(200, Http.get(url("/async")).statusCode());
        Scrape scrape = assertValue(1.0, DURATION + "_count", labels("GET", "/async", "200", ""));
        double seconds = scrape.value(DURATION + "_sum", labels("GET", "/async", "200", ""));
        assertTrue(seconds >= 0.3, "async request took " + seconds + " s; the servlet completes it after 300 ms");
        String[] bucket = Arrays.copyOf(labels("GET", "/async", "200", ""), 10);
        bucket[8] = "le";
        bucket[9] = "0.25";
        assertEquals(0.0, scrape.value(DURATION + "_bucket", bucket));
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
            // the GET series exists once a GET started: before that, no series rather than a 0
            inFlight = app.scrape().samplesWith("http_server_active_requests", "http_request_method", "GET").stream()
                    .mapToDouble(sample -> sample.value).sum();
        }
        assertEquals(1.0, inFlight, "one GET in flight");
        assertEquals(200, slow.get().statusCode());
        assertCount(1.0, "GET", "/slow", "200", "");
        // no POST in flight: its series is 0, or absent when no POST was ever served
        assertTrue(app.scrape().samplesWith("http_server_active_requests", "http_request_method", "POST").stream()
                .allMatch(sample -> sample.value == 0.0));
    }

    @Test
    void forwardIsOneObservationUnderTheRequestedRoute() throws Exception {
        assertEquals(200, Http.get(url("/forward")).statusCode());
        assertEquals(200, Http.get(url("/forward")).statusCode());
        assertCount(2.0, "GET", "/forward", "200", "");
    }

    @Test
    void filterChainIsOneObservation() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(url("/chain/hello")).statusCode());
        }
        assertCount(3.0, "GET", "/chain/hello", "200", "");
    }

    @Test
    void filterThatAnswersItselfIsRecorded() throws Exception {
        assertEquals(401, Http.get(url("/guarded")).statusCode());
        assertCount(1.0, "GET", "/guarded", "401", "");
    }

    @Test
    void exceptionIsStatus500WithItsClassAsErrorType() throws Exception {
        assertEquals(500, Http.get(url("/fail")).statusCode());
        assertCount(1.0, "GET", "/fail", "500", "java.lang.IllegalStateException");
    }

    @Test
    void serverErrorStatusIsItsOwnErrorType() throws Exception {
        assertEquals(503, Http.get(url("/teapot")).statusCode());
        assertCount(1.0, "GET", "/teapot", "503", "503");
    }

    @Test
    void notFoundUrlsShareOneSeries() throws Exception {
        for (String path : new String[] {"/nope/1", "/nope/2", "/wp-admin.php", "/a/b/c/d/e"}) {
            assertEquals(404, Http.get(url(path)).statusCode());
        }
        Scrape scrape = assertValue(4.0, DURATION + "_count", labels("GET", "unmatched", "404", ""));
        for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
            String route = s.labels.get("http_route");
            assertTrue(!route.contains("nope") && !route.contains("wp-admin"), "raw 404 path in a label: " + s);
        }
    }

    @Test
    void unknownMethodIsOther() throws Exception {
        HttpResponse<String> response = Http.method(url("/users/x"), "BREW");
        assertTrue(response.statusCode() >= 400, "BREW is not implemented: " + response.statusCode());
        String status = String.valueOf(response.statusCode());
        assertCount(1.0, "_OTHER", "/users/*", status, response.statusCode() >= 500 ? status : "");
        List<Scrape.Sample> other = app.scrape().samplesWith(DURATION + "_count", "http_request_method", "_OTHER");
        assertEquals(1, other.size(), "one _OTHER series: " + other);
    }
}
