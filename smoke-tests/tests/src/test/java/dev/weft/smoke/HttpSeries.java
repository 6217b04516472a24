package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP metric names and the label helpers the server smoke tests assert with, and the wait for a
 * route's series: a server records a request just after it sent the response, so a scrape taken
 * right after the client read it may not show it yet.
 *
 * <pre>{@code
 * awaitSeries(app, "/items/{id}", Map.of(series("GET", "200", ""), 2.0));
 * }</pre>
 */
public final class HttpSeries {

    public static final String COUNT = "http_server_request_duration_seconds_count";
    public static final String SUM = "http_server_request_duration_seconds_sum";
    public static final String ACTIVE = "http_server_active_requests";
    public static final String CLIENT_COUNT = "http_client_request_duration_seconds_count";
    /** The error type of a request whose client went away before the response. */
    public static final String CANCELLED = "java.util.concurrent.CancellationException";

    private HttpSeries() {}

    /** A series' labels less the route, as {@link #seriesOf} keys them; a success has no {@code error_type} at all. */
    public static String series(String method, String status, String errorType) {
        Map<String, String> labels = new TreeMap<>(
                Map.of("http_request_method", method, "http_response_status_code", status));
        if (!errorType.isEmpty()) {
            labels.put("error_type", errorType);
        }
        return labels.toString();
    }

    /** The duration series of a route, each as its labels without the route, to its count. */
    public static Map<String, Double> seriesOf(Scrape scrape, String route) {
        Map<String, Double> found = new TreeMap<>();
        for (Scrape.Sample s : scrape.samplesWith(COUNT, "http_route", route)) {
            Map<String, String> labels = new TreeMap<>(s.labels);
            labels.remove("http_route");
            found.put(labels.toString(), s.value);
        }
        return found;
    }

    /** Waits up to five seconds for a route's series to be exactly {@code expected}; fails with the last scrape. */
    public static Scrape awaitSeries(AgentJvm app, String route, Map<String, Double> expected) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && !seriesOf(scrape, route).equals(expected); i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(expected, seriesOf(scrape, route), route + "\n" + scrape.text());
        return scrape;
    }

    /** The seconds a route's requests took, all its series together. */
    public static double sumOf(Scrape scrape, String route) {
        return scrape.samplesWith(SUM, "http_route", route).stream().mapToDouble(s -> s.value).sum();
    }

    /** The requests in flight with this method, all routes together. */
    public static double activeOf(Scrape scrape, String method) {
        return scrape.samplesWith(ACTIVE, "http_request_method", method).stream().mapToDouble(s -> s.value).sum();
    }

    /** The labels of the series of an app's GETs to {@code 127.0.0.1:port}, for {@link Scrape#value}. */
    public static String[] client(int port, String status, String errorType) {
        return new String[] {"http_request_method", "GET", "server_address", "127.0.0.1",
                "server_port", String.valueOf(port), "http_response_status_code", status, "error_type", errorType};
    }
}
