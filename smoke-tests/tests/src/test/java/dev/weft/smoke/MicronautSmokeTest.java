package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final String SUM = "http_server_request_duration_seconds_sum";
    private static final String ACTIVE = "http_server_active_requests";
    private static final String CLIENT_COUNT = "http_client_request_duration_seconds_count";
    private static final String CANCELLED = "java.util.concurrent.CancellationException";

    private Downstream downstream;
    private AgentJvm app;
    private AgentJvm reference;
    private AgentJvm disabled;
    private int appPort;
    private int referencePort;
    private int disabledPort;

    @BeforeAll
    void start() throws Exception {
        downstream = Downstream.start();
        appPort = Ports.free();
        referencePort = Ports.free();
        disabledPort = Ports.free();
        // three JVMs at once: the machine's cores start them faster than one after another
        CompletableFuture<AgentJvm> withAgent = AgentJvm.runnableJar("micronaut-app").arg(appPort)
                .arg(downstream.httpPort()).startAsync();
        CompletableFuture<AgentJvm> without = AgentJvm.runnableJar("micronaut-app").arg(referencePort)
                .arg(downstream.httpPort()).withoutAgent().startAsync();
        CompletableFuture<AgentJvm> moduleOff = AgentJvm.runnableJar("micronaut-app").arg(disabledPort)
                .arg(downstream.httpPort()).env("WEFT_INSTRUMENTATIONS_DISABLED", "micronaut").startAsync();
        app = withAgent.join();
        reference = without.join();
        disabled = moduleOff.join();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {app, reference, disabled, downstream}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others still close
            }
        }
    }

    /** GET on the agent's app and on the reference; fails unless status, content type and body agree. */
    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> with = Http.get("http://127.0.0.1:" + appPort + path);
        HttpResponse<String> without = Http.get("http://127.0.0.1:" + referencePort + path);
        assertSame(path, with, without);
        return with;
    }

    private static void assertSame(String path, HttpResponse<String> with, HttpResponse<String> without) {
        assertEquals(without.statusCode(), with.statusCode(), path);
        assertEquals(without.headers().firstValue("content-type"), with.headers().firstValue("content-type"), path);
        assertEquals(without.body(), with.body(), path);
    }

    /** The duration series of a route, each as its labels without the route, to its count. */
    private static Map<String, Double> seriesOf(Scrape scrape, String route) {
        Map<String, Double> found = new TreeMap<>();
        for (Scrape.Sample s : scrape.samplesWith(COUNT, "http_route", route)) {
            Map<String, String> labels = new TreeMap<>(s.labels);
            labels.remove("http_route");
            found.put(labels.toString(), s.value);
        }
        return found;
    }

    /** A series' labels less the route; a success has no {@code error_type} label at all. */
    private static String series(String method, String status, String errorType) {
        Map<String, String> labels = new TreeMap<>(Map.of("http_request_method", method, "http_response_status_code", status));
        if (!errorType.isEmpty()) {
            labels.put("error_type", errorType);
        }
        return labels.toString();
    }

    /** Waits up to five seconds for a route's series to be exactly these: recording ends just after the response. */
    private Scrape awaitSeries(String route, Map<String, Double> expected) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !seriesOf(scrape, route).equals(expected); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, seriesOf(scrape, route), route + "\n" + scrape.text());
        return scrape;
    }

    @Test
    void theUriTemplateIsTheRoute() throws Exception {
        assertEquals("item 7\n", get("/items/7").body());
        get("/items/8");
        // responses after which Micronaut closes the connection, before it reports them written
        String close = "GET /items/9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        assertTrue(exchange(close).endsWith("item 9\n"), close);
        String http10 = "GET /items/10 HTTP/1.0\r\n\r\n";
        assertTrue(exchange(http10).endsWith("item 10\n"), http10);
        awaitSeries("/items/{id}", Map.of(series("GET", "200", ""), 4.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/items/7").isEmpty(), "never a raw path");
    }

    /** Sends a request as written on its own connection and reads until the server closes it. */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", appPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void requestsNoRouteTakesAreUnmatched() throws Exception {
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
        // a route's path with a method it does not take: Micronaut's 405
        HttpResponse<String> notAllowed = Http.method("http://127.0.0.1:" + appPort + "/items/7", "DELETE");
        assertSame("DELETE /items/7", notAllowed, Http.method("http://127.0.0.1:" + referencePort + "/items/7", "DELETE"));
        assertEquals(405, notAllowed.statusCode());
        awaitSeries("unmatched", Map.of(series("GET", "404", ""), 3.0, series("DELETE", "405", ""), 1.0));
    }

    @Test
    void anExceptionMicronautAnswersKeepsItsClassAndACreatedItsRoute() throws Exception {
        assertEquals(500, get("/boom").statusCode());
        HttpResponse<String> with = Http.post("http://127.0.0.1:" + appPort + "/items", "abc");
        assertSame("/items", with, Http.post("http://127.0.0.1:" + referencePort + "/items", "abc"));
        assertEquals(201, with.statusCode(), with.body());
        awaitSeries("/boom", Map.of(series("GET", "500", "java.lang.IllegalStateException"), 1.0));
        awaitSeries("/items", Map.of(series("POST", "201", ""), 1.0));
    }

    @Test
    void anAsynchronousResponseIsTimedToItsEnd() throws Exception {
        assertEquals("slow 400\n", get("/slow/400").body());
        Scrape scrape = awaitSeries("/slow/{ms}", Map.of(series("GET", "200", ""), 1.0));
        double sum = scrape.samplesWith(SUM, "http_route", "/slow/{ms}").stream().mapToDouble(s -> s.value).sum();
        assertTrue(sum >= 0.4, "the 400 ms the future took are inside the duration: " + sum);
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelledWithItsRoute() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", appPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /hang/alice HTTP/1.1\r\nHost: 127.0.0.1:" + appPort + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            double inFlight = 0;
            for (int i = 0; i < 100 && inFlight < 1; i++) {
                Thread.sleep(50);
                inFlight = app.scrape().samplesWith(ACTIVE, "http_request_method", "GET").stream()
                        .mapToDouble(s -> s.value).sum();
            }
            assertEquals(1.0, inFlight, "the request is being served");
            InputStream in = socket.getInputStream();
            assertEquals(0, in.available(), "no response yet");
        }
        // the template, not the path heuristic's /hang/alice: Micronaut had routed the request
        awaitSeries("/hang/{who}", Map.of(series("GET", "_OTHER", CANCELLED), 1.0));
        Thread.sleep(500);
        Scrape scrape = app.scrape();
        assertEquals(Map.of(series("GET", "_OTHER", CANCELLED), 1.0), seriesOf(scrape, "/hang/{who}"), "once");
        assertEquals(0.0, scrape.value(ACTIVE, "http_request_method", "GET"));
    }

    private static String[] client(int port, String status, String errorType) {
        return new String[] {"http_request_method", "GET", "server_address", "127.0.0.1",
                "server_port", String.valueOf(port), "http_response_status_code", status, "error_type", errorType};
    }

    @Test
    void clientCallsAreRecordedOncePerRequest() throws Exception {
        assertEquals("200 ok\n", get("/call/ok").body());
        assertEquals("404 missing\n", get("/call/missing").body());
        assertEquals("failed io.micronaut.http.client.exceptions.ReadTimeoutException\n", get("/call/slow").body());
        int refused;
        // a socket bound but not listening: connections to its port are refused, and no other
        // process on this shared machine can take the port meanwhile
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            refused = holder.getLocalPort();
            assertEquals("failed java.net.ConnectException\n", get("/call-refused/" + refused).body());
        }
        awaitSeries("/call/{path}", Map.of(series("GET", "200", ""), 3.0));
        Scrape scrape = awaitSeries("/call-refused/{port}", Map.of(series("GET", "200", ""), 1.0));
        int port = downstream.httpPort();
        assertEquals(4, scrape.samples(CLIENT_COUNT).size(), scrape.samples(CLIENT_COUNT).toString());
        // each call twice: once from the agent's app, once from the reference
        assertEquals(2, downstream.received("/ok"));
        assertEquals(2, downstream.received("/missing"));
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "200", "")), scrape.text());
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "404", "404")));
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "", "io.micronaut.http.client.exceptions.ReadTimeoutException")));
        assertEquals(1.0, scrape.value(CLIENT_COUNT,
                client(refused, "", "io.netty.channel.AbstractChannel$AnnotatedConnectException")));
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
