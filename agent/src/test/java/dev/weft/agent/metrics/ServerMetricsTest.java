package dev.weft.agent.metrics;

import static dev.weft.agent.metrics.TestRegistry.metrics;
import static dev.weft.agent.metrics.TestRegistry.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.RouteSlot;
import org.junit.jupiter.api.Test;

/** Records through the real registry and checks the text exposition. */
class ServerMetricsTest {

    @Test
    void oneRequestIsOneObservationWithAllFourLabels() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        long start = server.start("GET");
        server.end(start, "GET", server.mappedRoute("", "/hello"), 200, null, -1, 6);
        String text = scrape(metrics);
        assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/hello\"} 1\n"), text);
        assertTrue(text.contains("http_server_response_body_size_bytes_sum{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/hello\"} 6.0\n"), text);
        assertTrue(!text.contains("http_server_request_body_size_bytes_count{"), "no request size was known: " + text);
        assertTrue(text.contains("http_server_active_requests{http_request_method=\"GET\"} 0.0\n"), text);
    }

    @Test
    void activeRequestSeriesAppearWithTheFirstRequestOfTheirMethod() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        String idle = scrape(metrics);
        assertTrue(!idle.contains("http_server_active_requests{"), "no request seen, no series: " + idle);
        long start = server.start("POST");
        String busy = scrape(metrics);
        assertTrue(busy.contains("http_server_active_requests{http_request_method=\"POST\"} 1.0\n"), busy);
        assertTrue(!busy.contains("http_server_active_requests{http_request_method=\"GET\"}"), busy);
        server.end(start, "POST", "/a", 201, null, -1, -1);
        assertTrue(scrape(metrics).contains("http_server_active_requests{http_request_method=\"POST\"} 0.0\n"));
        // the servlet advice starts with the request's traceparent: its method gets a series too
        long traced = server.start("GET", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertTrue(scrape(metrics).contains("http_server_active_requests{http_request_method=\"GET\"} 1.0\n"));
        server.end(traced, "GET", "/a", 200, null, -1, -1);
    }

    @Test
    void errorTypeIsTheExceptionClassOrTheServerErrorStatus() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        server.end(server.start("POST"), "POST", "/a", 500, new IllegalStateException("x"), -1, -1);
        server.end(server.start("POST"), "POST", "/a", 503, null, -1, -1);
        server.end(server.start("POST"), "POST", "/a", 404, null, -1, -1);
        String text = scrape(metrics);
        assertTrue(text.contains("error_type=\"java.lang.IllegalStateException\",http_request_method=\"POST\",http_response_status_code=\"500\""), text);
        assertTrue(text.contains("error_type=\"503\",http_request_method=\"POST\",http_response_status_code=\"503\""), text);
        assertTrue(text.contains("{http_request_method=\"POST\",http_response_status_code=\"404\",http_route=\"/a\"}"), text);
    }

    @Test
    void labelSetsPastTheBudgetFoldIntoOneOverflowSeriesAndAreCountedOncePerLabelSet() throws Exception {
        Metrics metrics = metrics("max.series=3");
        ServerMetrics server = metrics.server();
        for (int i = 0; i < 10; i++) {
            server.end(server.start("GET"), "GET", "/r" + i, 200, null, -1, -1);
        }
        server.end(server.start("GET"), "GET", "/r0", 200, null, -1, -1);
        server.end(server.start("GET"), "GET", "/r5", 200, null, -1, -1);
        server.end(server.start("GET"), "GET", "/r5", 200, null, -1, -1);
        server.end(server.start("POST"), "POST", "/r0", 200, null, -1, -1);
        String text = scrape(metrics);
        int series = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("http_server_request_duration_seconds_count{")) {
                series++;
            }
        }
        assertEquals(3, series, "2 label sets and the overflow series: the budget includes it\n" + text);
        assertTrue(text.contains("http_server_request_duration_seconds_count{error_type=\"_overflow\",http_request_method=\"_overflow\","
                + "http_response_status_code=\"_overflow\",http_route=\"_overflow\"} 11\n"), "every refused request is observed:\n" + text);
        assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/r0\"} 2\n"), "a known label set keeps counting:\n" + text);
        assertTrue(text.contains("weft_series_dropped_total{metric=\"http_server_request_duration_seconds\"} 9.0\n"),
                "/r2../r9 and POST /r0 are 9 label sets; /r5 again is not a new one:\n" + text);
    }

    @Test
    void theSizeHistogramsShareTheDurationBudget() throws Exception {
        Metrics metrics = metrics("max.series=2");
        ServerMetrics server = metrics.server();
        for (int i = 0; i < 5; i++) {
            server.end(server.start("GET"), "GET", "/r" + i, 200, null, 10, 20);
        }
        String text = scrape(metrics);
        int series = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("http_server_response_body_size_bytes_count{")) {
                series++;
            }
        }
        assertEquals(2, series, text);
    }

    @Test
    void userRoutesComeBeforeTheHeuristicAndNameNotFoundsToo() throws Exception {
        Metrics metrics = metrics("routes=/owners/{ownerId}/pets/{petId},/files/**");
        ServerMetrics server = metrics.server();
        server.start("GET");
        assertEquals("/shop/owners/{ownerId}/pets/{petId}", server.pathRoute("/shop", "/owners/7/pets/9", 200));
        server.start("GET");
        assertEquals("/files/**", server.pathRoute("", "/files/a/b/c.txt", 404));
        server.start("GET");
        assertEquals("/owners/{id}", server.pathRoute("", "/owners/7", 200), "no pattern matches: the heuristic");
        server.start("GET");
        assertEquals(Routes.UNMATCHED, server.pathRoute("", "/owners/7", 404));
    }

    @Test
    void aCatchAllTemplateOnANotFoundFoldsIntoUnmatched() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        server.start("GET");
        server.frameworkTemplate("/**");
        assertEquals(Routes.UNMATCHED, server.pathRoute("", "/nope/12345", 404), "Spring's static-resource handler matched, nothing was found");
        server.start("GET");
        server.frameworkTemplate("/**");
        assertEquals("/**", server.pathRoute("", "/css/app.css", 200));
    }

    @Test
    void aWorkerServingAnotherThreadsRequestReportsIntoItsSlot() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        RouteSlot slot = new RouteSlot();
        IllegalStateException thrown = new IllegalStateException("boom");
        server.frameworkTemplate("/stale/{left}"); // from some earlier request of this thread
        server.frameworkServing(slot, "/api");
        server.frameworkParent("orders");
        server.frameworkTemplate("{id}/lines");
        server.frameworkError(thrown);
        server.frameworkServed();
        server.frameworkTemplate("/after/{served}");
        assertEquals("/api/orders/{id}/lines", slot.template(), "joined as reported, nothing stale");
        assertEquals(thrown, slot.failure());
        assertEquals("/api/orders/{id}/lines", server.templateRoute(slot.basePath(), slot.parent(), slot.template()));
    }

    @Test
    void outOfRangeStatusAndUnknownMethodAreBounded() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        server.end(server.start("BREW"), "BREW", "/pot", 0, null, -1, -1);
        String text = scrape(metrics);
        assertTrue(text.contains("http_request_method=\"_OTHER\",http_response_status_code=\"_OTHER\",http_route=\"/pot\"} 1\n"), text);
        assertTrue(text.contains("http_server_active_requests{http_request_method=\"_OTHER\"} 0.0\n"), text);
    }

    @Test
    void configuredBucketsAreUsed() throws Exception {
        Metrics metrics = metrics("duration.buckets=0.1,1");
        ServerMetrics server = metrics.server();
        server.end(server.start("GET"), "GET", "/b", 200, null, -1, -1);
        String text = scrape(metrics);
        assertTrue(text.contains("http_route=\"/b\",le=\"0.1\"} 1\n"), text);
        assertTrue(text.contains("http_route=\"/b\",le=\"1.0\"} 1\n"), text);
        assertTrue(!text.contains("http_route=\"/b\",le=\"0.005\"}"), text);
    }

    @Test
    void aFrameworkTemplateRefinesTheServletRouteOfTheSameRequestOnly() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        long start = server.start("GET");
        server.frameworkTemplate("/users/{id: [0-9]+}");
        assertEquals("/shop/api/users/{id}", server.mappedRoute("/shop", "/api/*"));
        assertEquals("/shop/api/*", server.mappedRoute("/shop", "/api/*"), "the template is used once");
        server.end(start, "GET", "/shop/api/users/{id}", 200, null, -1, -1);

        server.start("GET");
        server.frameworkTemplate("/owners/{ownerId}");
        assertEquals("/owners/{ownerId}", server.pathRoute("", "/owners/7", 404),
                "a template wins over the 404 fold: the framework matched");
        server.frameworkParent("/left");
        server.frameworkTemplate("/over");
        server.start("GET");
        assertEquals("/other", server.mappedRoute("", "/other"), "a new request forgets an unused template");

        server.start("GET");
        server.frameworkParent("/users");
        server.frameworkParent("{id}/orders");
        server.frameworkTemplate("{orderId: [0-9]+}");
        assertEquals("/api/users/{id}/orders/{orderId}", server.mappedRoute("", "/api/*"), "a locator chain");
    }

    @Test
    void anEndpointAddressPlacesTheTemplatesUnderTheServletOrFromTheRoot() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        server.start("GET");
        server.frameworkParent("/users");
        server.frameworkTemplate("{id}");
        server.frameworkBase("/rest");
        assertEquals("/shop/services/rest/users/{id}", server.mappedRoute("/shop", "/services/*"),
                "a relative address lies under the servlet mapping");

        server.start("GET");
        server.frameworkTemplate("/users/{id}");
        server.frameworkBase("/");
        assertEquals("/shop/api/users/{id}", server.mappedRoute("/shop", "/api/*"), "the servlet's own address");

        server.start("GET");
        server.frameworkTemplate("/users/{id}");
        server.frameworkBase("http://localhost/rest");
        assertEquals("/shop/services/rest/users/{id}", server.mappedRoute("/shop", "/services/*"),
                "CXF's servlet transport reads http://localhost/ as relative");

        server.start("GET");
        server.frameworkParent("items");
        server.frameworkTemplate("{id}/broken");
        server.frameworkBase("http://127.0.0.1:8080/app/api/");
        assertEquals("/app/api/items/{id}/broken", server.pathRoute("/app", "/api/items/7/broken", 500),
                "an absolute address is the path from the root, outside any servlet mapping");

        server.start("GET");
        server.frameworkTemplate("/items/{id}");
        server.frameworkBase("http://127.0.0.1:8080/app/api");
        assertEquals("/app/api/items/{id}", server.mappedRoute("/app", "/*"), "in place of the servlet's prefix");

        server.start("GET");
        server.frameworkBase("http://127.0.0.1:8080/app/api");
        assertEquals(Routes.UNMATCHED, server.pathRoute("/app", "/api/nowhere", 404),
                "an address without a template is no route");
        server.start("GET");
        server.frameworkTemplate("/items/{id}");
        assertEquals("/app/items/{id}", server.pathRoute("/app", "/items/1", 200),
                "a new request forgets the address");
    }

    @Test
    void anErrorAFrameworkAnsweredItselfIsTheErrorTypeOfItsOwnServerErrorOnly() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        long start = server.start("GET");
        server.frameworkError(new IllegalStateException("unmapped"));
        server.end(start, "GET", "/a", 500, null, -1, -1);

        long mapped = server.start("GET");
        server.frameworkError(new IllegalArgumentException("mapped to a 400"));
        server.end(mapped, "GET", "/a", 400, null, -1, -1);
        long next = server.start("GET");
        server.end(next, "GET", "/a", 503, null, -1, -1);

        long other = server.start("GET");
        server.frameworkError(new UnsupportedOperationException("reported for the request started last"));
        server.end(start, "GET", "/b", 500, null, -1, -1);
        server.end(other, "GET", "/b", 200, null, -1, -1);

        String text = scrape(metrics);
        assertTrue(text.contains("{error_type=\"java.lang.IllegalStateException\",http_request_method=\"GET\","
                + "http_response_status_code=\"500\",http_route=\"/a\"} 1\n"), text);
        assertTrue(text.contains("{error_type=\"503\",http_request_method=\"GET\",http_response_status_code=\"503\","
                + "http_route=\"/a\"} 1\n"), "an error of an earlier request is not carried over: " + text);
        assertTrue(text.contains("{error_type=\"500\",http_request_method=\"GET\",http_response_status_code=\"500\","
                + "http_route=\"/b\"} 1\n"), "another request's error is not taken: " + text);
    }

    @Test
    void aContainerRequestIsRecordedOnlyWhenNoServletObservedIt() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        // answered by the container: outside every context, then a 401 of a mapped context
        server.containerEnd(server.containerStart(), "GET", 404, null);
        long c = server.containerStart();
        assertEquals(ServerMetrics.NOT_TIMED, server.containerStart(), "one container request per thread at a time");
        server.containerMapped("/secure", "/admin");
        server.containerEnd(c, "GET", 401, null);
        // reached a servlet: the servlet's observation is the one recorded
        c = server.containerStart();
        server.containerMapped("/shop", "/hello");
        server.end(server.start("GET"), "GET", "/shop/hello", 200, null, -1, -1);
        server.containerEnd(c, "GET", 200, null);
        String text = scrape(metrics);
        assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"404\",http_route=\"unmatched\"} 1\n"), text);
        assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"401\",http_route=\"/secure/admin\"} 1\n"), text);
        assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/shop/hello\"} 1\n"), "counted once: " + text);
        assertTrue(text.contains("http_server_active_requests{http_request_method=\"GET\"} 0.0"), text);
    }

    /** A server's own observation (Undertow, the JDK HttpServer) as the tests see it: yields once. */
    private static final class Outer extends OuterRequest {
        int yielded;

        @Override
        protected String yieldToInner() {
            return yielded++ == 0 ? "PUT" : null;
        }
    }

    @Test
    void aLayerThatStartsInsideAServersObservationTakesItOverAndItIsNoLongerActive() throws Exception {
        Metrics metrics = metrics(null);
        ServerMetrics server = metrics.server();
        Outer outer = new Outer();
        server.start("PUT"); // the server's start, never ended: the servlet layer records the request
        Object previous = OuterRequest.enter(outer);
        try {
            long inner = server.start("PUT");
            assertEquals(1, outer.yielded);
            assertTrue(scrape(metrics).contains("http_server_active_requests{http_request_method=\"PUT\"} 1.0\n"));
            server.end(inner, "PUT", "/a", 204, null, -1, -1);
            long again = server.start("PUT"); // already yielded: nothing more to count off
            server.end(again, "PUT", "/a", 204, null, -1, -1);
            assertEquals(2, outer.yielded);
        } finally {
            OuterRequest.exit(previous);
        }
        assertEquals(null, OuterRequest.current());
        String text = scrape(metrics);
        assertTrue(text.contains("http_server_active_requests{http_request_method=\"PUT\"} 0.0\n"), text);
        assertTrue(text.contains("{http_request_method=\"PUT\",http_response_status_code=\"204\","
                + "http_route=\"/a\"} 2\n"), text);
    }
}
