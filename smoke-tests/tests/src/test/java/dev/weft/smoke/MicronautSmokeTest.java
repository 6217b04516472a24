package dev.weft.smoke;

import static dev.weft.smoke.HttpSeries.ACTIVE;
import static dev.weft.smoke.HttpSeries.COUNT;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.series;
import static dev.weft.smoke.HttpSeries.sumOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.client.Downstream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Micronaut 4 service, built by micronaut-parent and its Maven plugin into a runnable jar and started
 * with {@code java -jar}, its HTTP client calling the WireMock downstream: the matched URI template is
 * the route, a miss is {@code unmatched}, an exception Micronaut answers keeps its class, durations run
 * to the end of asynchronous responses, a request the client abandons is recorded once as cancelled
 * (with its template), each client call is one observation, and every response equals the one a
 * second copy of the service, without the agent, gives. With the micronaut instrumentation disabled,
 * the agent names the server as unmeasured and the netty instrumentation does not count its requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicronautSmokeTest {

    private Downstream downstream;
    private AppPair apps;
    private AgentJvm app;
    private AgentJvm disabled;
    private int disabledPort;

    @BeforeAll
    void start() throws Exception {
        downstream = Downstream.start();
        disabledPort = Ports.free();
        // three JVMs at once: the machine's cores start them faster than one after another
        CompletableFuture<AgentJvm> moduleOff = AgentJvm.runnableJar("micronaut-app").arg(disabledPort)
                .arg(downstream.httpPort()).env("WEFT_INSTRUMENTATIONS_DISABLED", "micronaut").startAsync();
        apps = AppPair.start(port -> AgentJvm.runnableJar("micronaut-app").arg(port).arg(downstream.httpPort()));
        app = apps.app();
        disabled = moduleOff.join();
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(apps, disabled, downstream);
    }

    @Test
    void theUriTemplateIsTheRoute() throws Exception {
        assertEquals("item 7\n", apps.get("/items/7").body());
        apps.get("/items/8");
        // responses after which Micronaut closes the connection, before it reports them written
        String close = "GET /items/9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        assertTrue(exchange(close).endsWith("item 9\n"), close);
        String http10 = "GET /items/10 HTTP/1.0\r\n\r\n";
        assertTrue(exchange(http10).endsWith("item 10\n"), http10);
        awaitSeries(app, "/items/{id}", Map.of(series("GET", "200", ""), 4.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/items/7").isEmpty(), "never a raw path");
    }

    /** Sends a request as written on its own connection and reads until the server closes it. */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", apps.appPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void requestsNoRouteTakesAreUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, apps.get(path).statusCode(), path);
        }
        // a route's path with a method it does not take: Micronaut's 405
        assertEquals(405, apps.request("DELETE", "/items/7").statusCode());
        awaitSeries(app, "unmatched", Map.of(series("GET", "404", ""), 3.0, series("DELETE", "405", ""), 1.0));
    }

    @Test
    void anExceptionMicronautAnswersKeepsItsClassAndACreatedItsRoute() throws Exception {
        assertEquals(500, apps.get("/boom").statusCode());
        HttpResponse<String> created = apps.post("/items", "abc");
        assertEquals(201, created.statusCode(), created.body());
        awaitSeries(app, "/boom", Map.of(series("GET", "500", "java.lang.IllegalStateException"), 1.0));
        awaitSeries(app, "/items", Map.of(series("POST", "201", ""), 1.0));
    }

    @Test
    void anAsynchronousResponseIsTimedToItsEnd() throws Exception {
        assertEquals("slow 400\n", apps.get("/slow/400").body());
        Scrape scrape = awaitSeries(app, "/slow/{ms}", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/slow/{ms}") >= 0.4,
                "the 400 ms the future took are inside the duration: " + sumOf(scrape, "/slow/{ms}"));
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelledWithItsRoute() throws Exception {
        // the template, not the path heuristic's /hang/alice: Micronaut had routed the request
        AbandonedRequest.assertRecordedOnceAsCancelled(app, apps.appPort(), "/hang/alice", "/hang/{who}");
    }

    @Test
    void clientCallsAreRecordedOncePerRequest() throws Exception {
        DownstreamCalls.assertRecordedOncePerRequest(apps, downstream,
                "io.micronaut.http.client.exceptions.ReadTimeoutException");
    }

    @Test
    void theAgentSaysNothingButItsStartLine() {
        List<String> lines = app.weftLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("micronaut, netty"), lines.toString());
    }

    @Test
    void withItsModuleDisabledTheServerIsNamedAndNothingCountsItsRequests() throws Exception {
        assertEquals("item 1\n", Http.get("http://127.0.0.1:" + disabledPort + "/items/1").body());
        assertEquals(404, Http.get("http://127.0.0.1:" + disabledPort + "/nope").statusCode());
        Thread.sleep(300);
        Scrape scrape = disabled.scrape();
        assertTrue(scrape.samples(COUNT).isEmpty(), "the netty instrumentation leaves Micronaut's pipeline alone\n"
                + scrape.text());
        assertTrue(scrape.samples(ACTIVE).isEmpty(), scrape.text());
        assertEquals(1, disabled.weftLines().stream().filter(l -> l.equals("weft: found Micronaut HTTP server"
                + " (io.micronaut.http.server.netty.NettyHttpServer; the micronaut instrumentation is disabled),"
                + " which Weft does not instrument: its requests are not measured (docs/metrics.md lists the"
                + " covered stacks)")).count(), disabled.weftLines().toString());
    }
}
