package dev.weft.smoke;

import static dev.weft.smoke.HttpSeries.ACTIVE;
import static dev.weft.smoke.HttpSeries.COUNT;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.series;
import static dev.weft.smoke.HttpSeries.seriesOf;
import static dev.weft.smoke.HttpSeries.sumOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
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
 * A hand-written Netty HTTP server (netty-app: {@code ServerBootstrap}, {@code HttpServerCodec},
 * {@code HttpObjectAggregator}, one handler) with no framework: the path heuristic is the route, never
 * a raw path; a 404 is {@code unmatched}; durations run to the end of scheduled and chunked responses;
 * pipelined requests get their own responses' statuses; a request the client abandons is recorded once
 * as cancelled; every response equals the one the same server without the agent gives. With the netty
 * instrumentation disabled, the agent names the server as unmeasured. A subclass names the Netty line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NettySmokeTest {

    static final String MAIN = "dev.weft.smoke.app.netty.NettyServer";

    private AppPair apps;
    private AgentJvm app;
    private AgentJvm disabled;
    private int disabledPort;

    /** The smoke app module: netty-app (4.2) or netty41-app (4.1). */
    abstract String appModule();

    @BeforeAll
    void start() throws Exception {
        disabledPort = Ports.free();
        // three JVMs at once: the machine's cores start them faster than one after another
        CompletableFuture<AgentJvm> moduleOff = AgentJvm.app(appModule(), MAIN).arg(disabledPort)
                .env("WEFT_INSTRUMENTATIONS_DISABLED", "netty").startAsync();
        apps = AppPair.start(port -> AgentJvm.app(appModule(), MAIN).arg(port)).comparingAllHeaders();
        app = apps.app();
        disabled = moduleOff.join();
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(apps, disabled);
    }

    /** The count of one series of a route, 0 when it does not exist yet. */
    private double count(String route, String series) throws Exception {
        return seriesOf(app.scrape(), route).getOrDefault(series, 0.0);
    }

    /** Waits up to five seconds for one series of a route (others may exist) to reach {@code expected}. */
    private void awaitCount(String route, String series, double expected) throws Exception {
        double found = count(route, series);
        for (int i = 0; i < 100 && found != expected; i++) {
            Thread.sleep(50);
            found = count(route, series);
        }
        assertEquals(expected, found, route + " " + series + "\n" + app.scrape().text());
    }

    @Test
    void idsInPathsGetThePathHeuristic() throws Exception {
        assertEquals("order 12345\n", apps.get("/orders/12345").body());
        assertEquals("order 67890\n", apps.get("/orders/67890?expand=items").body());
        awaitSeries(app, "/orders/{id}", Map.of(series("GET", "200", ""), 2.0));
        assertTrue(app.scrape().samplesWith(COUNT, "http_route", "/orders/12345").isEmpty(), "never a raw path");
    }

    @Test
    void pathsTheServerDoesNotKnowAreUnmatched() throws Exception {
        double before = count("unmatched", series("GET", "404", ""));
        for (String path : new String[] {"/nope/12345", "/.env", "/wp-login.php"}) {
            assertEquals(404, apps.get(path).statusCode(), path);
        }
        awaitCount("unmatched", series("GET", "404", ""), before + 3);
        assertEquals(Map.of(series("GET", "404", ""), before + 3), seriesOf(app.scrape(), "unmatched"));
    }

    @Test
    void aServerErrorAndACreatedKeepTheirRoutes() throws Exception {
        assertEquals(500, apps.get("/boom").statusCode());
        HttpResponse<String> created = apps.post("/orders", "abc");
        assertEquals("created 3\n", created.body());
        awaitSeries(app, "/boom", Map.of(series("GET", "500", "500"), 1.0));
        Scrape scrape = awaitSeries(app, "/orders", Map.of(series("POST", "201", ""), 1.0));
        assertEquals(1.0, scrape.value("http_server_request_body_size_bytes_count", "http_request_method", "POST",
                "http_route", "/orders", "http_response_status_code", "201", "error_type", ""));
        assertEquals(10.0, scrape.value("http_server_response_body_size_bytes_sum", "http_request_method", "POST",
                "http_route", "/orders", "http_response_status_code", "201", "error_type", ""), "created 3\\n");
    }

    @Test
    void scheduledAndChunkedResponsesAreTimedToTheirEnd() throws Exception {
        assertEquals("slow 400\n", apps.get("/slow/400").body());
        assertEquals("chunk 1\nchunk 2\nchunk 3\n", apps.get("/chunks").body());
        Scrape scrape = awaitSeries(app, "/slow/{id}", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/slow/{id}") >= 0.4, "answered 400 ms later: " + sumOf(scrape, "/slow/{id}"));
        scrape = awaitSeries(app, "/chunks", Map.of(series("GET", "200", ""), 1.0));
        assertTrue(sumOf(scrape, "/chunks") >= 0.3, "the last chunk 300 ms after the head: " + sumOf(scrape, "/chunks"));
    }

    @Test
    void pipelinedRequestsGetTheirOwnResponses() throws Exception {
        double missesBefore = count("unmatched", series("GET", "404", ""));
        try (Socket socket = new Socket("127.0.0.1", apps.appPort())) {
            socket.setSoTimeout(10_000);
            String host = "Host: 127.0.0.1:" + apps.appPort() + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(("GET /catalog/424242 HTTP/1.1\r\n" + host + "\r\nGET /pipelined/missing HTTP/1.1\r\n" + host
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            String responses = received.toString(StandardCharsets.US_ASCII);
            assertTrue(responses.startsWith("HTTP/1.1 200 OK") && responses.contains("HTTP/1.1 404 Not Found"), responses);
        }
        awaitSeries(app, "/catalog/{id}", Map.of(series("GET", "200", ""), 1.0));
        awaitCount("unmatched", series("GET", "404", ""), missesBefore + 1);
    }

    @Test
    void aRequestTheClientAbandonsIsRecordedOnceAsCancelled() throws Exception {
        AbandonedRequest.assertRecordedOnceAsCancelled(app, apps.appPort(), "/hang", "/hang");
    }

    @Test
    void theAgentSaysNothingButItsStartLine() {
        List<String> lines = app.weftLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(".*\\(instrumentations: .* netty[,)].*"), lines.toString());
    }

    @Test
    void withTheModuleDisabledTheServerIsNamedAndHasNoSeries() throws Exception {
        assertEquals("order 1\n", Http.get("http://127.0.0.1:" + disabledPort + "/orders/1").body());
        Thread.sleep(300);
        Scrape scrape = disabled.scrape();
        assertTrue(scrape.samples(COUNT).isEmpty(), scrape.text());
        assertTrue(scrape.samples(ACTIVE).isEmpty(), scrape.text());
        assertEquals(1, disabled.weftLines().stream().filter(l -> l.equals("weft: found a plain Netty HTTP server"
                + " (io.netty.handler.codec.http.HttpServerCodec; the netty instrumentation is disabled), which Weft"
                + " does not instrument: its requests are not measured (docs/metrics.md lists the covered stacks)"))
                .count(), disabled.weftLines().toString());
    }
}
