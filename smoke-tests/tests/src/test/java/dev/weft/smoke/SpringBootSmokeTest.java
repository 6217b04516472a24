package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spring Boot 3 on embedded Tomcat with the agent: Spring's best-matching pattern is the route,
 * read from the request at the end of the servlet call (Spring itself is not instrumented). The
 * DispatcherServlet is the default servlet here, so without the pattern these requests would get
 * the path heuristic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootSmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";

    private AgentJvm app;
    private int appPort;

    @BeforeAll
    void startApp() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app("spring-boot-app", "dev.weft.smoke.app.spring.PetClinicApp").arg(appPort).start();
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }

    private static String[] labels(String route, String status) {
        return new String[] {"http_request_method", "GET", "http_route", route,
                "http_response_status_code", status, "error_type", ""};
    }

    /** Waits up to five seconds for the exact count: recording may finish just after the response. */
    private void assertCount(double expected, String route, String status) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && scrape.samplesWith(COUNT, labels(route, status)).stream().noneMatch(s -> s.value == expected); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, scrape.value(COUNT, labels(route, status)), route + " " + status + "\n" + scrape.text());
    }

    @Test
    void theHandlersPatternIsTheRoute() throws Exception {
        assertEquals(200, Http.get(url("/owners/7")).statusCode());
        assertEquals(200, Http.get(url("/owners/8")).statusCode());
        assertEquals(200, Http.get(url("/owners/7/pets/3")).statusCode());
        assertCount(2, "/owners/{ownerId}", "200");
        assertCount(1, "/owners/{ownerId}/pets/{petId}", "200");
    }

    @Test
    void aRegularExpressionInThePatternIsDropped() throws Exception {
        assertEquals(200, Http.get(url("/api/v1/items/12345")).statusCode());
        assertCount(1, "/api/v1/items/{id}", "200");
    }

    @Test
    void aNotFoundFromAMatchedHandlerKeepsItsRoute() throws Exception {
        assertEquals(404, Http.get(url("/owners/0")).statusCode());
        assertCount(1, "/owners/{ownerId}", "404");
    }

    @Test
    void pathsNoHandlerMatchesFoldIntoUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/wp-login.php", "/.env", "/owners/7/nothing/here"}) {
            assertEquals(404, Http.get(url(path)).statusCode(), path);
        }
        assertCount(4, "unmatched", "404");
        Scrape scrape = app.scrape();
        assertTrue(scrape.samplesWith(COUNT, "http_route", "/**").isEmpty(), "the static-resource catch-all is not a route for misses");
        assertTrue(scrape.samplesWith(COUNT, "http_route", "/error").isEmpty(), "the error dispatch is part of the request, not one of its own");
    }

    @Test
    void theAgentPrintsNothingButItsStartLine() {
        assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("error") || l.contains("WARN")), app.weftLines().toString());
    }
}
