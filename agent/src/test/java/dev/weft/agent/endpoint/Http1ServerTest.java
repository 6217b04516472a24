package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's wire behaviour: strict parsing, keep-alive, pipelining and connection limits, over real sockets. */
class Http1ServerTest {

    private Metrics metrics;
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        metrics = new Metrics(Config.defaults(), "test", new InstrumentationStats());
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
    }

    @AfterEach
    void stop() throws IOException {
        endpoint.stop();
    }

    private void restart(int maxConnections, int perAddress, int idleSeconds) throws IOException {
        endpoint.stop();
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics, null, null,
                new Http1Server.Limits(maxConnections, perAddress, 5_000, idleSeconds * 1000L, 60_000), 10);
    }

    private String status(String request) throws IOException {
        String response = RawHttp.exchange(endpoint.port(), request);
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void ambiguousOrMalformedHeadsAre400AndClose() throws IOException {
        String[] bad = {
            "GET /metrics HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nContent-Length: 0, 0\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nX-A: a\rb\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nX-A: a\u0001b\r\n\r\n",
            "GET /metrics HTTP/1.9\r\n\r\n",
            "GET /metrics HTTP/2.0\r\n\r\n",
            "GET /metrics http/1.1\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nX-A: a\r\n folded\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nX-A : a\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET  /metrics HTTP/1.1\r\n\r\n",
            "GET /metrics HTTP/1.1\nX-A: a\n\n",
        };
        for (String request : bad) {
            try (RawHttp c = new RawHttp(endpoint.port())) {
                String response = c.send(request).response();
                assertTrue(response.startsWith("HTTP/1.1 400 "), request + " -> " + response);
                assertTrue(response.contains("Connection: close\r\n"), response);
                assertTrue(c.closedByServer(), "closed after " + request);
            }
        }
    }

    @Test
    void endOfStreamInsideTheHeadIs400NotARequest() throws IOException {
        try (RawHttp c = new RawHttp(endpoint.port())) {
            c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n");
            c.socket.shutdownOutput();
            assertTrue(c.response().startsWith("HTTP/1.1 400 "));
        }
    }

    @Test
    void aBadDebugValueIs400() throws IOException {
        assertEquals("HTTP/1.1 400 Bad Request", status("GET /metrics?debug=bogus HTTP/1.1\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK", status("GET /metrics?debug=text HTTP/1.1\r\n\r\n"));
    }

    @Test
    void everyResponseCarriesNoStoreAndNosniff() throws IOException {
        for (String request : new String[] {"GET /metrics HTTP/1.1\r\n\r\n", "GET /-/healthy HTTP/1.1\r\n\r\n",
                "GET /x HTTP/1.1\r\n\r\n", "POST /metrics HTTP/1.1\r\n\r\n", "BAD\r\n\r\n"}) {
            String response = RawHttp.exchange(endpoint.port(), request);
            assertTrue(response.contains("\r\nCache-Control: no-store\r\n"), response);
            assertTrue(response.contains("\r\nX-Content-Type-Options: nosniff\r\n"), response);
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws IOException {
        try (RawHttp c = new RawHttp(endpoint.port())) {
            for (int i = 0; i < 5; i++) {
                String response = c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").response();
                assertTrue(response.startsWith("HTTP/1.1 200 ") && response.contains("weft_build_info"), response);
                assertTrue(response.contains("Connection: keep-alive\r\n"), response);
            }
            String last = c.send("GET /-/healthy HTTP/1.1\r\nConnection: close\r\n\r\n").response();
            assertTrue(last.contains("Connection: close\r\n") && last.endsWith("Weft is healthy.\n"), last);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() throws IOException {
        try (RawHttp c = new RawHttp(endpoint.port())) {
            assertTrue(c.send("GET /-/healthy HTTP/1.0\r\n\r\n").response().contains("Connection: close\r\n"));
            assertTrue(c.closedByServer());
        }
        try (RawHttp c = new RawHttp(endpoint.port())) {
            c.send("GET /-/healthy HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertTrue(c.response().contains("Connection: keep-alive\r\n"));
            assertTrue(c.send("GET /-/healthy HTTP/1.0\r\n\r\n").response().endsWith("Weft is healthy.\n"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawHttp c = new RawHttp(endpoint.port())) {
            c.send("GET /-/healthy HTTP/1.1\r\n\r\nGET /metrics HTTP/1.1\r\n\r\nHEAD /metrics HTTP/1.1\r\n\r\n"
                    + "GET /nothing HTTP/1.1\r\n\r\nGET /-/healthy HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertTrue(c.response().endsWith("Weft is healthy.\n"));
            assertTrue(c.response().contains("weft_build_info"));
            String head = c.response(true);
            assertTrue(head.startsWith("HTTP/1.1 200 ") && head.endsWith("\r\n\r\n"), head);
            assertTrue(c.response().startsWith("HTTP/1.1 404 "));
            assertTrue(c.response().endsWith("Weft is healthy.\n"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aPipelinedRequestAfterARefusalIsNotServed() throws IOException {
        try (RawHttp c = new RawHttp(endpoint.port())) {
            c.send("GET /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nGET /-/healthy HTTP/1.1\r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 413 "));
            assertTrue(c.closedByServer(), "the unread body could be a smuggled request");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        restart(10, 10, 1);
        try (RawHttp c = new RawHttp(endpoint.port())) {
            c.send("GET /-/healthy HTTP/1.1\r\n\r\n").response();
            long start = System.nanoTime();
            assertTrue(c.closedByServer());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "closed by the idle timeout");
        }
    }

    @Test
    void beyondTheLimitsConnectionsAreTold503WithRetryAfter() throws Exception {
        restart(4, 2, 60);
        List<Socket> held = new ArrayList<>();
        try {
            // two from 127.0.0.2 fill its share; the third from it is refused though the total has room
            for (int i = 0; i < 2; i++) {
                held.add(from("127.0.0.2"));
            }
            awaitOpen(2);
            try (RawHttp third = new RawHttp(from("127.0.0.2"))) {
                String refused = third.send("GET /metrics HTTP/1.1\r\n\r\n").response();
                assertTrue(refused.startsWith("HTTP/1.1 503 ") && refused.contains("Retry-After: 1\r\n"), refused);
            }
            String fromOther = RawHttp.exchange(endpoint.port(), "GET /-/healthy HTTP/1.1\r\n\r\n");
            assertTrue(fromOther.startsWith("HTTP/1.1 200 "), "another address has its share: " + fromOther);
            awaitOpen(2); // the refused and the other address's connections are gone
            held.add(from("127.0.0.3"));
            held.add(from("127.0.0.4"));
            awaitOpen(4);
            try (RawHttp fifth = new RawHttp(from("127.0.0.5"))) {
                String refused = fifth.send("GET /metrics HTTP/1.1\r\n\r\n").response();
                assertTrue(refused.startsWith("HTTP/1.1 503 ") && refused.contains("Retry-After: 1\r\n"), refused);
            }
            for (Socket s : held) {
                s.close();
            }
            awaitOpen(0);
            assertTrue(RawHttp.exchange(endpoint.port(), "GET /-/healthy HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200 "));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private Socket from(String address) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), 5_000);
        return s;
    }

    private void awaitOpen(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (endpoint.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, endpoint.openConnections());
    }
}
