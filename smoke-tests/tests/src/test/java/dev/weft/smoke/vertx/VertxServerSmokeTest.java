package dev.weft.smoke.vertx;

import static dev.weft.smoke.HttpSeries.CLIENT_COUNT;
import static dev.weft.smoke.HttpSeries.COUNT;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.client;
import static dev.weft.smoke.HttpSeries.series;
import static dev.weft.smoke.HttpSeries.sumOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.AbandonedRequest;
import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.AppPair;
import dev.weft.smoke.Closeables;
import dev.weft.smoke.Scrape;
import dev.weft.smoke.client.Downstream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server on Vert.x (plain, or Quarkus on top), one app with the agent and one without, both serving
 * the same resources: {@code GET /items/{id}}, {@code POST /items} (201), {@code /items/boom} (throws
 * IllegalStateException), {@code /items/slow/{ms}} (answered later, from another thread),
 * {@code /items/hang} (never answered), and, where the app has a client, {@code /call/{path}} (its
 * framework's client to the WireMock downstream) and {@code /call-refused}. Each subclass starts its
 * app as its users do. Every response must equal the reference's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VertxServerSmokeTest {

    /** What Vert.x's HttpClient fails a request with when its timeout passes (under Quarkus' REST Client too). */
    static final String TIMEOUT = "io.vertx.core.impl.NoStackTraceTimeoutException";

    Downstream downstream;
    AppPair apps;
    AgentJvm app;
    /** Bound, never listening: connections to it are refused, and no other process can take it meanwhile. */
    private Socket refusing;
    int refusedPort;

    /** The app, serving on {@code port}; its client calls the downstream and {@code refusedPort}. */
    abstract AgentJvm.Builder app(int port, int downstreamPort, int refusedPort) throws Exception;

    /** Whether the app has the {@code /call} resources. */
    abstract boolean hasClient();


    @BeforeAll
    void start() throws Exception {
        downstream = Downstream.start();
        refusing = new Socket();
        refusing.bind(new InetSocketAddress("127.0.0.1", 0));
        refusedPort = refusing.getLocalPort();
        apps = AppPair.start(port -> app(port, downstream.httpPort(), refusedPort))
                .comparingHeaders("content-type", "content-length")
                // Quarkus' 500 page names a random error id; everything else must agree
                .ignoringInBodies("Error id [^\"]*");
        app = apps.app();
        awaitServing(apps.appPort());
        awaitServing(apps.referencePort());
    }

    /**
     * READY may come before the HTTP server listens (Quarkus prints it from its startup event); a
     * connection without a request is no request, so it leaves the app's series alone.
     */
    private static void awaitServing(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(apps, downstream, refusing);
    }

    @Test
    void thePathTemplateIsTheRoute() throws Exception {
        assertEquals("item 7\n", apps.get("/items/7").body());
        apps.get("/items/8");
        awaitSeries(app, "/items/{id}", Map.of(series("GET", "200", ""), 2.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/items/7").isEmpty(), "never a raw path");
    }

    @Test
    void pathsNothingMatchesAreUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, apps.get(path).statusCode(), path);
        }
        awaitSeries(app, "unmatched", Map.of(series("GET", "404", ""), 3.0));
    }

    @Test
    void aServerErrorHasItsExceptionAndACreatedItsStatus() throws Exception {
        assertEquals(500, apps.get("/items/boom").statusCode());
        assertEquals(201, apps.post("/items", "abc").statusCode());
        awaitSeries(app, "/items/boom", Map.of(series("GET", "500", "java.lang.IllegalStateException"), 1.0));
        awaitSeries(app, "/items", Map.of(series("POST", "201", ""), 1.0));
    }

    @Test
    void anAsynchronousResponseIsTimedToItsEnd() throws Exception {
        assertEquals("slow 400\n", apps.get("/items/slow/400").body());
        Scrape scrape = awaitSeries(app, "/items/slow/{ms}", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/items/slow/{ms}") >= 0.4,
                "the 400 ms delay is inside the duration: " + sumOf(scrape, "/items/slow/{ms}"));
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelled() throws Exception {
        // the resource was reached (on a worker, for RESTEasy classic): the route is known
        AbandonedRequest.assertRecordedOnceAsCancelled(app, apps.appPort(), "/items/hang", "/items/hang", "HANGING");
    }

    @Test
    void clientCallsAreRecordedOncePerLogicalRequest() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasClient(), "the app makes no calls");
        assertEquals("200 ok\n", apps.get("/call/ok").body());
        assertEquals("404 missing\n", apps.get("/call/missing").body());
        assertEquals("200 ok\n", apps.get("/call/redirect").body(), "the redirect is followed");
        assertEquals("failed " + TIMEOUT + "\n", apps.get("/call/slow").body());
        // the app answers with the root cause, which differs between Vert.x's client and Quarkus' on top
        assertTrue(apps.get("/call-refused").body().matches("failed .*ConnectException\n"));
        awaitSeries(app, "/call/{path}", Map.of(series("GET", "200", ""), 4.0));
        Scrape scrape = awaitSeries(app, "/call-refused", Map.of(series("GET", "200", ""), 1.0));
        int port = downstream.httpPort();
        List<String> clientSeries = scrape.samples(CLIENT_COUNT).stream()
                .map(s -> s.labels + " " + s.value).sorted().collect(Collectors.toList());
        assertEquals(4, clientSeries.size(), clientSeries.toString());
        // each call twice: once from the agent's app, once from the reference
        assertEquals(2, downstream.received("/redirect"));
        assertEquals(4, downstream.received("/ok"), "/ok directly and after the redirect");
        assertEquals(2.0, scrape.value(CLIENT_COUNT, client(port, "200", "")), "the redirect counts once\n" + scrape.text());
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "404", "404")));
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "", TIMEOUT)));
        assertEquals(1.0, scrape.value(CLIENT_COUNT,
                client(refusedPort, "", "io.netty.channel.AbstractChannel$AnnotatedConnectException")));
        assertEquals(0.0, scrape.value("http_client_active_requests", "http_request_method", "GET",
                "server_address", "127.0.0.1", "server_port", String.valueOf(port)));
    }

    @Test
    void theAgentSaysNothingButItsStartLine() {
        List<String> lines = app.weftLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("vertx, quarkus"), lines.toString());
    }
}
