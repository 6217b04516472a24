package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The endpoint's limits against slow, idle and oversized clients, in a real JVM with
 * {@code -javaagent:} running embedded Tomcat: a client trickling its head is cut at the head
 * deadline, idle and slow connections neither starve scrapes nor touch the application's threads
 * nor hold endpoint threads, connections beyond one address's share are told 503 at once while other
 * addresses are served, and heads that are too large, requests with bodies and methods other than GET
 * and HEAD are refused.
 *
 * <p>Raw sockets where the misbehaviour is the point (a real client would not misbehave this way),
 * {@link HttpClient} elsewhere. Figures measured are printed on stdout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointLimitsSmokeTest {

    /** MetricsEndpoint.HEAD_DEADLINE_MILLIS */
    private static final long HEAD_DEADLINE_MILLIS = 5_000;
    /** Room for a loaded 2-core machine on top of a deadline. */
    private static final long SLACK_MILLIS = 3_000;
    /** Http1Server.WORKERS: slow clients never reach them. */
    private static final int MAX_WORKERS = 4;
    /** WEFT_ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS's default. */
    private static final int PER_ADDRESS = 32;

    private AgentJvm app;
    private int appPort;

    @BeforeAll
    void start() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort).start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), app.metricsPort());
    }

    /** Sends a head that never ends, one byte a second, until the server closes the connection. */
    private static final class Slowloris implements AutoCloseable {
        final Socket socket;
        final AtomicInteger sent = new AtomicInteger();
        final CompletableFuture<Long> closedAfterMillis = new CompletableFuture<>();
        final AtomicBoolean stop = new AtomicBoolean();

        Slowloris(Socket socket) throws IOException {
            this.socket = socket;
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    while (in.read() != -1) {
                        // whatever the server says, it is the close that counts
                    }
                } catch (IOException reset) {
                    // a reset is a close too
                }
                closedAfterMillis.complete(Duration.ofNanos(System.nanoTime() - start).toMillis());
            }, "slowloris-reader");
            reader.setDaemon(true);
            reader.start();
            Thread writer = new Thread(() -> {
                try {
                    while (!stop.get() && !closedAfterMillis.isDone()) {
                        Thread.sleep(1_000);
                        out.write('a');
                        out.flush();
                        sent.incrementAndGet();
                    }
                } catch (IOException | InterruptedException gone) {
                    // the server closed the connection
                }
            }, "slowloris-writer");
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        public void close() throws IOException {
            stop.set(true);
            socket.close();
        }
    }

    @Test
    void aClientTricklingItsHeadIsCutAtTheHeadDeadline() throws Exception {
        try (Slowloris slow = new Slowloris(connect())) {
            long millis = slow.closedAfterMillis.get(HEAD_DEADLINE_MILLIS + 20_000, TimeUnit.MILLISECONDS);
            System.out.println("slowloris (1 byte/s) cut after " + millis + " ms, " + slow.sent.get() + " bytes sent");
            assertTrue(slow.sent.get() >= 3, "bytes kept arriving, so a per-read timeout alone would never fire: "
                    + slow.sent.get());
            assertTrue(millis <= HEAD_DEADLINE_MILLIS + SLACK_MILLIS, "cut after " + millis + " ms");
        }
    }

    @Test
    void idleAndSlowConnectionsStarveNeitherScrapesNorTheApp() throws Exception {
        List<Socket> idle = new ArrayList<>();
        List<Slowloris> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                idle.add(connect());
            }
            for (int i = 0; i < 6; i++) {
                slow.add(new Slowloris(connect()));
            }
            Thread.sleep(1_500);
            long start = System.nanoTime();
            assertEquals(200, Http.get("http://127.0.0.1:" + appPort + "/hello").statusCode());
            long appMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            start = System.nanoTime();
            HttpResponse<String> scrape = Http.get(app.metricsUrl());
            long scrapeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.println("with 8 idle and 6 slow connections held: app answered in " + appMillis
                    + " ms, scrape in " + scrapeMillis + " ms");
            assertEquals(200, scrape.statusCode());
            assertTrue(Scrape.of(scrape.body()).has("weft_build_info"), scrape.body());
            assertTrue(appMillis < 2_000, "the app took " + appMillis + " ms");
            assertTrue(scrapeMillis < 3_000, "the scrape took " + scrapeMillis + " ms");
            assertEndpointThreadsAreBoundedDaemons();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
            for (Slowloris s : slow) {
                s.close();
            }
        }
    }

    /** The endpoint's threads, from a thread dump of the app's JVM: all daemons, at most the pool's size. */
    private void assertEndpointThreadsAreBoundedDaemons() throws Exception {
        Path jcmd = Paths.get(AgentJvm.java()).toAbsolutePath().getParent().resolve("jcmd");
        ProcessBuilder builder = new ProcessBuilder(jcmd.toString(), String.valueOf(app.pid()), "Thread.print")
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = builder.start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, dump);
        int workers = 0;
        List<String> weft = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"weft-")) {
                weft.add(line);
                assertTrue(line.contains(" daemon "), "not a daemon: " + line);
                if (line.matches("\"weft-metrics-\\d+\".*")) {
                    workers++;
                }
            }
        }
        System.out.println("endpoint threads while held: " + workers + " workers of " + weft.size() + " weft threads");
        assertTrue(workers <= MAX_WORKERS, "workers: " + weft);
        assertTrue(weft.stream().anyMatch(l -> l.startsWith("\"weft-metrics-loop\"")), weft.toString());
    }

    @Test
    void aFloodFromOneAddressIsTold503BeyondItsShareWhileOthersAreServed() throws Exception {
        Thread.sleep(500); // connections of other cases are gone
        int flood = 40;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < flood; i++) {
                Socket s = new Socket();
                s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                s.connect(new java.net.InetSocketAddress("127.0.0.1", app.metricsPort()), 5_000);
                sockets.add(s);
            }
            int told503 = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(100); // the refused have their answer already; the admitted wait in silence
                try {
                    byte[] head = new byte[12];
                    int n = s.getInputStream().readNBytes(head, 0, head.length);
                    if (new String(head, 0, n, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 503")) {
                        told503++;
                    }
                } catch (SocketTimeoutException held) {
                    // admitted: waiting for its request
                }
            }
            System.out.println(flood + " idle connections from one address: " + told503 + " told 503 at once");
            assertEquals(flood - PER_ADDRESS, told503);
            assertEquals(200, Http.get("http://127.0.0.1:" + appPort + "/hello").statusCode(), "the app serves");
            HttpResponse<String> scrape = Http.get(app.metricsUrl());
            assertEquals(200, scrape.statusCode(), "127.0.0.1 keeps its share during the flood");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anOversizedHeadIs431AndTheConnectionCloses() throws Exception {
        char[] big = new char[20 * 1024];
        Arrays.fill(big, 'b');
        String response = raw("GET /metrics HTTP/1.1\r\nX-Big: " + new String(big) + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), response);
        assertTrue(response.contains("Connection: close\r\n"), response);
    }

    @Test
    void tooManyHeadersAre431() throws Exception {
        StringBuilder request = new StringBuilder("GET /metrics HTTP/1.1\r\n");
        for (int i = 0; i < 65; i++) {
            request.append("X-").append(i).append(": v\r\n");
        }
        String response = raw(request.append("\r\n").toString());
        assertTrue(response.startsWith("HTTP/1.1 431 "), response);
    }

    @Test
    void onlyGetAndHeadWithoutABodyAreServed() throws Exception {
        HttpResponse<String> post = Http.post(app.metricsUrl(), "x");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertEquals(405, Http.method(app.metricsUrl(), "DELETE").statusCode());
        assertEquals(405, Http.method(app.metricsUrl(), "OPTIONS").statusCode());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> withBody = client.send(HttpRequest.newBuilder(URI.create(app.metricsUrl()))
                .method("GET", HttpRequest.BodyPublishers.ofString("a body")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, withBody.statusCode(), withBody.body());
        HttpResponse<String> head = Http.method(app.metricsUrl(), "HEAD");
        assertEquals(200, head.statusCode());
        assertEquals(200, Http.get(app.metricsUrl()).statusCode());
    }
}
