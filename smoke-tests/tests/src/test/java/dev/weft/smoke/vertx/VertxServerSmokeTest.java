package dev.weft.smoke.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import dev.weft.smoke.client.Downstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    static final String COUNT = "http_server_request_duration_seconds_count";
    static final String SUM = "http_server_request_duration_seconds_sum";
    static final String ACTIVE = "http_server_active_requests";
    static final String CLIENT_COUNT = "http_client_request_duration_seconds_count";
    static final String CANCELLED = "java.util.concurrent.CancellationException";
    /** What Vert.x's HttpClient fails a request with when its timeout passes (under Quarkus' REST Client too). */
    static final String TIMEOUT = "io.vertx.core.impl.NoStackTraceTimeoutException";

    Downstream downstream;
    AgentJvm app;
    AgentJvm reference;
    int appPort;
    int referencePort;
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
        appPort = Ports.free();
        app = app(appPort, downstream.httpPort(), refusedPort).start();
        referencePort = Ports.free();
        reference = app(referencePort, downstream.httpPort(), refusedPort).withoutAgent().start();
        awaitServing(appPort);
        awaitServing(referencePort);
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
        for (AutoCloseable c : new AutoCloseable[] {app, reference, downstream, refusing}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others still close
            }
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> with = Http.get("http://127.0.0.1:" + appPort + path);
        HttpResponse<String> without = Http.get("http://127.0.0.1:" + referencePort + path);
        assertSame(path, with, without);
        return with;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpResponse<String> with = Http.post("http://127.0.0.1:" + appPort + path, body);
        HttpResponse<String> without = Http.post("http://127.0.0.1:" + referencePort + path, body);
        assertSame(path, with, without);
        return with;
    }

    private static void assertSame(String path, HttpResponse<String> with, HttpResponse<String> without) {
        assertEquals(without.statusCode(), with.statusCode(), path);
        assertEquals(without.headers().firstValue("content-type"), with.headers().firstValue("content-type"), path);
        assertEquals(without.headers().firstValue("content-length"), with.headers().firstValue("content-length"), path);
        // Quarkus' 500 page names a random error id; everything else must agree
        assertEquals(without.body().replaceAll("Error id [^\"]*", ""), with.body().replaceAll("Error id [^\"]*", ""), path);
    }

    /** The duration series of a route, each as its labels without the route, to its count. */
    static Map<String, Double> seriesOf(Scrape scrape, String route) {
        Map<String, Double> found = new TreeMap<>();
        for (Scrape.Sample s : scrape.samplesWith(COUNT, "http_route", route)) {
            Map<String, String> labels = new TreeMap<>(s.labels);
            labels.remove("http_route");
            found.put(labels.toString(), s.value);
        }
        return found;
    }

    /** A series' labels less the route; a success has no {@code error_type} label at all. */
    static String series(String method, String status, String errorType) {
        Map<String, String> labels = new TreeMap<>(Map.of("http_request_method", method, "http_response_status_code", status));
        if (!errorType.isEmpty()) {
            labels.put("error_type", errorType);
        }
        return labels.toString();
    }

    /** Waits up to five seconds for a route's series to be exactly these: recording ends just after the response. */
    Scrape awaitSeries(String route, Map<String, Double> expected) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !seriesOf(scrape, route).equals(expected); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, seriesOf(scrape, route), route + "\n" + scrape.text());
        return scrape;
    }

    private static double sum(Scrape scrape, String route) {
        return scrape.samplesWith(SUM, "http_route", route).stream().mapToDouble(s -> s.value).sum();
    }

    @Test
    void thePathTemplateIsTheRoute() throws Exception {
        assertEquals("item 7\n", get("/items/7").body());
        get("/items/8");
        awaitSeries("/items/{id}", Map.of(series("GET", "200", ""), 2.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/items/7").isEmpty(), "never a raw path");
    }

    @Test
    void pathsNothingMatchesAreUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
        awaitSeries("unmatched", Map.of(series("GET", "404", ""), 3.0));
    }

    @Test
    void aServerErrorHasItsExceptionAndACreatedItsStatus() throws Exception {
        assertEquals(500, get("/items/boom").statusCode());
        assertEquals(201, post("/items", "abc").statusCode());
        awaitSeries("/items/boom", Map.of(series("GET", "500", "java.lang.IllegalStateException"), 1.0));
        awaitSeries("/items", Map.of(series("POST", "201", ""), 1.0));
    }

    @Test
    void anAsynchronousResponseIsTimedToItsEnd() throws Exception {
        assertEquals("slow 400\n", get("/items/slow/400").body());
        Scrape scrape = awaitSeries("/items/slow/{ms}", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sum(scrape, "/items/slow/{ms}") >= 0.4,
                "the 400 ms delay is inside the duration: " + sum(scrape, "/items/slow/{ms}"));
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelled() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", appPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /items/hang HTTP/1.1\r\nHost: 127.0.0.1:" + appPort + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the resource was reached (on a worker, for RESTEasy classic): the route is known
            for (int i = 0; i < 200 && !app.stdout().contains("HANGING"); i++) {
                Thread.sleep(50);
            }
            assertTrue(app.stdout().contains("HANGING"), "the request reached its handler\n" + app.output());
            double inFlight = app.scrape().samplesWith(ACTIVE, "http_request_method", "GET").stream()
                    .mapToDouble(s -> s.value).sum();
            assertEquals(1.0, inFlight, "the request is being served");
            InputStream in = socket.getInputStream();
            assertEquals(0, in.available(), "no response yet");
        }
        awaitSeries("/items/hang", Map.of(series("GET", "_OTHER", CANCELLED), 1.0));
        Thread.sleep(500);
        Scrape scrape = app.scrape();
        assertEquals(Map.of(series("GET", "_OTHER", CANCELLED), 1.0), seriesOf(scrape, "/items/hang"), "once");
        assertEquals(0.0, scrape.value(ACTIVE, "http_request_method", "GET"));
    }

    private String[] client(int port, String status, String errorType) {
        return new String[] {"http_request_method", "GET", "server_address", "127.0.0.1",
                "server_port", String.valueOf(port), "http_response_status_code", status, "error_type", errorType};
    }

    @Test
    void clientCallsAreRecordedOncePerLogicalRequest() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasClient(), "the app makes no calls");
        assertEquals("200 ok\n", get("/call/ok").body());
        assertEquals("404 missing\n", get("/call/missing").body());
        assertEquals("200 ok\n", get("/call/redirect").body(), "the redirect is followed");
        assertEquals("failed " + TIMEOUT + "\n", get("/call/slow").body());
        // the app answers with the root cause, which differs between Vert.x's client and Quarkus' on top
        assertTrue(get("/call-refused").body().matches("failed .*ConnectException\n"));
        awaitSeries("/call/{path}", Map.of(series("GET", "200", ""), 4.0));
        Scrape scrape = awaitSeries("/call-refused", Map.of(series("GET", "200", ""), 1.0));
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
