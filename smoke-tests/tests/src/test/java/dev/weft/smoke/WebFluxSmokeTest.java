package dev.weft.smoke;

import static dev.weft.smoke.HttpSeries.COUNT;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.series;
import static dev.weft.smoke.HttpSeries.sumOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.client.Downstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spring Boot 4.0 WebFlux on Reactor Netty, with its WebClient calling the WireMock downstream: the
 * matched pattern is the route (annotated and functional), a miss is {@code unmatched}, durations run
 * to the end of asynchronous and streamed responses, a request the client abandons is recorded once
 * as cancelled, and every response equals the one a second copy of the app, without the agent, gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFluxSmokeTest {

    private static final String MAIN = "dev.weft.smoke.app.webflux.WebFluxApp";

    private Downstream downstream;
    private AppPair apps;
    private AgentJvm app;

    @BeforeAll
    void start() throws Exception {
        downstream = Downstream.start();
        apps = AppPair.start(port -> AgentJvm.app("webflux-app", MAIN).arg(port).arg(downstream.httpPort()))
                // Boot's error bodies carry a timestamp and a request id; everything else must agree
                .ignoringInBodies("\"(timestamp|requestId)\":\"[^\"]*\"");
        app = apps.app();
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(apps, downstream);
    }

    @Test
    void thePathPatternIsTheRoute() throws Exception {
        assertEquals("item 7\n", apps.get("/items/7").body());
        apps.get("/items/8");
        awaitSeries(app, "/items/{id}", Map.of(series("GET", "200", ""), 2.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/items/7").isEmpty(), "never a raw path");
    }

    @Test
    void pathsNoHandlerMatchesAreUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, apps.get(path).statusCode(), path);
        }
        awaitSeries(app, "unmatched", Map.of(series("GET", "404", ""), 3.0));
    }

    @Test
    void aServerErrorAndACreatedKeepTheirRoutes() throws Exception {
        assertEquals(500, apps.get("/boom").statusCode());
        assertEquals(201, apps.post("/items", "abc").statusCode());
        awaitSeries(app, "/boom", Map.of(series("GET", "500", "500"), 1.0));
        awaitSeries(app, "/items", Map.of(series("POST", "201", ""), 1.0));
    }

    @Test
    void anAsynchronousResponseIsTimedToItsEnd() throws Exception {
        assertEquals("slow 400\n", apps.get("/slow/400").body());
        Scrape scrape = awaitSeries(app, "/slow/{ms}", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/slow/{ms}") >= 0.4,
                "the 400 ms delay is inside the duration: " + sumOf(scrape, "/slow/{ms}"));
    }

    @Test
    void aServerSentEventStreamIsTimedToItsLastEvent() throws Exception {
        HttpResponse<String> events = apps.get("/events");
        assertTrue(events.body().contains("data:event 2"), events.body());
        Scrape scrape = awaitSeries(app, "/events", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/events") >= 0.3, "three events 100 ms apart: " + sumOf(scrape, "/events"));
    }

    @Test
    void functionalRoutesHaveTheirPatterns() throws Exception {
        assertEquals("hello bob\n", apps.get("/fn/greet/bob").body());
        apps.get("/fn/greet/alice");
        apps.get("/plain");
        awaitSeries(app, "/fn/greet/{name}", Map.of(series("GET", "200", ""), 2.0));
        awaitSeries(app, "/plain", Map.of(series("GET", "200", ""), 1.0));
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelled() throws Exception {
        AbandonedRequest.assertRecordedOnceAsCancelled(app, apps.appPort(), "/hang", "/hang");
    }

    @Test
    void webClientCallsAreRecordedOncePerRequest() throws Exception {
        DownstreamCalls.assertRecordedOncePerRequest(apps, downstream, "io.netty.handler.timeout.ReadTimeoutException");
    }

    @Test
    void theAgentSaysNothingButItsStartLine() {
        List<String> lines = app.weftLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("reactor-netty, spring-webflux"), lines.toString());
    }
}
