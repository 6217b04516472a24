package dev.weft.smoke;

import static dev.weft.smoke.HttpSeries.ACTIVE;
import static dev.weft.smoke.HttpSeries.CANCELLED;
import static dev.weft.smoke.HttpSeries.activeOf;
import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.series;
import static dev.weft.smoke.HttpSeries.seriesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A GET the client abandons: sent on a connection of its own to a handler that never answers, and
 * the connection closed while the server is still on it. Every server smoke test asks the same of
 * it, so the scenario is written once: the request is recorded exactly once, as
 * {@code http_response_status_code="_OTHER", error_type="java.util.concurrent.CancellationException"}
 * under its route, and nothing stays in flight.
 */
public final class AbandonedRequest {

    private AbandonedRequest() {}

    /** Abandons {@code GET path} once the app counts it in flight; asserts its one series under {@code route}. */
    public static void assertRecordedOnceAsCancelled(AgentJvm app, int port, String path, String route) throws Exception {
        assertRecordedOnceAsCancelled(app, port, path, route, null);
    }

    /**
     * As above, for an app that knows the route only once the handler runs (on a worker, say): the
     * request is abandoned after the handler printed {@code handlerLine}, so the route is settled.
     */
    public static void assertRecordedOnceAsCancelled(AgentJvm app, int port, String path, String route,
            String handlerLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (handlerLine != null) {
                for (int i = 0; i < 200 && !app.stdout().contains(handlerLine); i++) {
                    Thread.sleep(50);
                }
                assertTrue(app.stdout().contains(handlerLine), "the request reached its handler\n" + app.output());
            }
            double inFlight = activeOf(app.scrape(), "GET");
            for (int i = 0; i < 100 && inFlight < 1; i++) {
                Thread.sleep(50);
                inFlight = activeOf(app.scrape(), "GET");
            }
            assertEquals(1.0, inFlight, "the request is being served");
            assertEquals(0, socket.getInputStream().available(), "no response yet");
        }
        Map<String, Double> cancelledOnce = Map.of(series("GET", "_OTHER", CANCELLED), 1.0);
        awaitSeries(app, route, cancelledOnce);
        Thread.sleep(500); // a second recording, were there one, would have arrived by now
        Scrape scrape = app.scrape();
        assertEquals(cancelledOnce, seriesOf(scrape, route), "once");
        assertEquals(0.0, scrape.value(ACTIVE, "http_request_method", "GET"));
    }
}
