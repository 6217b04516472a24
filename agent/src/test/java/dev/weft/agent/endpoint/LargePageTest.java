package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A page of several megabytes (2,000 client series) over a real connection: written in slices as the
 * socket takes them, whole and in order even to a client that reads slowly, and again on the same
 * connection from a reused buffer.
 */
class LargePageTest {

    @Test
    void aSlowReaderGetsEveryByteOfAMultiMegabytePageTwice() throws Exception {
        Metrics metrics = new Metrics(Config.load("max.series=2001", new Properties(),
                java.util.Collections.<String, String>emptyMap()), "test", new InstrumentationStats());
        for (int i = 0; i < 2000; i++) {
            long start = metrics.client().start("GET", "127.0.0.1", 20000 + i);
            metrics.client().end(start - 1_000_000L * (i % 50), "GET", "127.0.0.1", 20000 + i, 0, new ConnectException());
        }
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
        try (RawHttp c = new RawHttp(endpoint.port())) {
            for (int scrape = 0; scrape < 2; scrape++) {
                c.send("GET /metrics?name[]=http_client_request_duration_seconds HTTP/1.1\r\nHost: x\r\n\r\n");
                String body = slowly(c, scrape == 0);
                assertTrue(body.length() > 4 * Response.SLICE, body.length() + " bytes");
                for (int port : new int[] {20000, 21000, 21999}) {
                    assertTrue(body.contains("http_client_request_duration_seconds_count{error_type=\"java.net.ConnectException\","
                            + "http_request_method=\"GET\",server_address=\"127.0.0.1\",server_port=\"" + port + "\"} 1\n"), "port " + port);
                }
                assertEquals(2000, body.split("_count\\{", -1).length - 1);
                assertTrue(body.endsWith("\n"));
            }
        } finally {
            endpoint.stop();
        }
    }

    /** Reads one response by its Content-Length; the first time in small reads with pauses. */
    private static String slowly(RawHttp c, boolean pause) throws IOException, InterruptedException {
        InputStream in = c.socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        int length = -1;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = new byte[length];
        for (int off = 0, reads = 0; off < length; reads++) {
            int n = in.read(body, off, Math.min(pause ? 64 * 1024 : length - off, length - off));
            assertTrue(n > 0, "cut after " + off + " of " + length);
            off += n;
            if (pause && reads % 8 == 0) {
                Thread.sleep(5);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
