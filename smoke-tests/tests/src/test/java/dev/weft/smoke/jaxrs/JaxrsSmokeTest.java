package dev.weft.smoke.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A JAX-RS implementation with the agent, serving the smoke apps' {@code ShopApplication}, driven
 * over HTTP and checked on the real scrape. Each subclass names an implementation and its container;
 * every test drives its own resources, so exact counts hold in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsSmokeTest {

    static final String DURATION = "http_server_request_duration_seconds";

    private AgentJvm app;
    private int appPort;

    /** The smoke app module, e.g. jersey3-app. */
    abstract String app();

    abstract String mainClass();

    /** Where the application is served: context path and servlet mapping or base URI, e.g. /shop/api. */
    abstract String base();

    /** The route of a request no resource matched. */
    abstract String unmatchedRoute();

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

    private String url(String path) {
        return root(base() + path);
    }

    /** The app's URL for a path from its server's root. */
    String root(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }

    @Test
    void twoUsersAreOneSeriesUnderTheResourceTemplate() throws Exception {
        assertEquals("user 1", Http.get(url("/users/1")).body());
        assertEquals("user 2", Http.get(url("/users/2")).body());
        assertCount(2, "GET", base() + "/users/{id}", "200", "");
    }

    @Test
    void aSubResourceLocatorComposesItsPathWithTheResourceMethods() throws Exception {
        assertEquals("order 9 of user 7", Http.get(url("/users/7/orders/9")).body());
        assertCount(1, "GET", base() + "/users/{id}/orders/{orderId}", "200", "");
    }

    /** Whether the container lets Jersey or RESTEasy suspend a request (AsyncResponse). */
    boolean supportsAsync() {
        return true;
    }

    @Test
    void anAsynchronousResponseIsRecordedOnceWhenItIsSent() throws Exception {
        if (supportsAsync()) {
            assertEquals("later 5", Http.get(url("/users/5/later")).body());
            assertEquals("later 6", Http.get(url("/users/6/later")).body());
            assertCount(2, "GET", base() + "/users/{id}/later", "200", "");
        } else {
            // the container answers 500 with or without the agent; the agent says why
            assertEquals(500, Http.get(url("/users/5/later")).statusCode());
            assertEquals(500, Http.get(url("/users/6/later")).statusCode());
            assertCount(2, "GET", base() + "/users/{id}/later", "500", "java.lang.UnsupportedOperationException");
        }
    }

    @Test
    void aRegularExpressionTemplateIsWrittenAsItsVariable() throws Exception {
        assertEquals("item ABC-123", Http.get(url("/items/ABC-123")).body());
        assertCount(1, "GET", base() + "/items/{sku}", "200", "");
    }

    @Test
    void aMappedExceptionRecordsTheStatusTheClientReceived() throws Exception {
        assertEquals(409, Http.get(url("/users/3/conflict")).statusCode());
        assertCount(1, "GET", base() + "/users/{id}/conflict", "409", "");
    }

    @Test
    void anUnmappedExceptionRecords500AndItsClass() throws Exception {
        assertEquals(500, Http.get(url("/users/4/broken")).statusCode());
        assertCount(1, "GET", base() + "/users/{id}/broken", "500", "java.lang.IllegalStateException");
    }

    @Test
    void aPathNoResourceMatchesIsNeverARoute() throws Exception {
        assertEquals(404, Http.get(url("/nowhere/8675309")).statusCode());
        Scrape scrape = assertCount(1, "GET", unmatchedRoute(), "404", "");
        for (Scrape.Sample sample : scrape.samples()) {
            for (String value : sample.labels.values()) {
                assertTrue(!value.contains("nowhere") && !value.contains("8675309"), sample.toString());
            }
        }
    }

    @Test
    void aMethodNoResourceMethodAcceptsIsNeverARoute() throws Exception {
        // GET /users/{id} exists: the path matches, the method does not
        assertEquals(405, Http.method(url("/users/11"), "DELETE").statusCode());
        assertEquals(405, Http.method(url("/users/12"), "DELETE").statusCode());
        assertCount(2, "DELETE", unmatchedRoute(), "405", "");
    }

    /** Waits up to five seconds for the exact count: recording may end just after the client read the response. */
    Scrape assertCount(double expected, String method, String route, String status, String errorType)
            throws Exception {
        String[] labels = {"http_request_method", method, "http_route", route,
                "http_response_status_code", status, "error_type", errorType};
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !has(scrape, expected, labels); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, scrape.value(DURATION + "_count", labels), route + "\n" + app.output());
        return scrape;
    }

    private static boolean has(Scrape scrape, double expected, String[] labels) {
        try {
            return scrape.value(DURATION + "_count", labels) == expected;
        } catch (AssertionError absent) {
            return false;
        }
    }
}
