package dev.weft.smoke;

import static dev.weft.smoke.HttpSeries.CLIENT_COUNT;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.client;
import static dev.weft.smoke.HttpSeries.series;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.client.Downstream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The client calls of a server app whose routes call out with its framework's HTTP client (webflux-app,
 * micronaut-app): {@code /call/{path}} GETs the downstream's {@code /ok}, {@code /missing} and
 * {@code /slow} (past the client's read timeout), {@code /call-refused/{port}} a port that refuses
 * connections, and each answers {@code "<status> <body>"} or {@code "failed <root cause class>"}.
 * The apps share this contract, so the scenario is written once.
 */
public final class DownstreamCalls {

    private DownstreamCalls() {}

    /**
     * Drives the calls through both apps and asserts that the agent's app recorded each once, with
     * the downstream's (or the refused) port, and the read timeout under {@code timeoutError}, the
     * exception the framework's client fails with.
     */
    public static void assertRecordedOncePerRequest(AppPair apps, Downstream downstream, String timeoutError)
            throws Exception {
        assertEquals("200 ok\n", apps.get("/call/ok").body());
        assertEquals("404 missing\n", apps.get("/call/missing").body());
        assertEquals("failed " + timeoutError + "\n", apps.get("/call/slow").body());
        int refused;
        // a socket bound but not listening: connections to its port are refused, and no other
        // process on this shared machine can take the port meanwhile
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            refused = holder.getLocalPort();
            assertEquals("failed java.net.ConnectException\n", apps.get("/call-refused/" + refused).body());
        }
        AgentJvm app = apps.app();
        awaitSeries(app, "/call/{path}", Map.of(series("GET", "200", ""), 3.0));
        Scrape scrape = awaitSeries(app, "/call-refused/{port}", Map.of(series("GET", "200", ""), 1.0));
        int port = downstream.httpPort();
        List<String> clientSeries = scrape.samples(CLIENT_COUNT).stream()
                .map(s -> s.labels + " " + s.value).sorted().collect(Collectors.toList());
        assertEquals(4, clientSeries.size(), clientSeries.toString());
        // each call twice: once from the agent's app, once from the reference
        assertEquals(2, downstream.received("/ok"));
        assertEquals(2, downstream.received("/missing"));
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "200", "")), scrape.text());
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "404", "404")));
        assertEquals(1.0, scrape.value(CLIENT_COUNT, client(port, "", timeoutError)));
        assertEquals(1.0, scrape.value(CLIENT_COUNT,
                client(refused, "", "io.netty.channel.AbstractChannel$AnnotatedConnectException")));
    }
}
