package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code escaping=} on the wire: Weft's names are the underscore names for every scraper unless
 * {@code WEFT_UTF8_NAMES=true} and the scraper allows UTF-8, which then gets the dotted
 * OpenTelemetry names.
 */
class Utf8NamesTest {

    private static final String PROMETHEUS_3 = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private static String scrape(String agentArgs, String accept) throws Exception {
        Metrics metrics = new Metrics(Config.load(agentArgs, new Properties(), Collections.<String, String>emptyMap()),
                "test", new InstrumentationStats());
        long start = metrics.server().start("GET");
        metrics.server().end(start, "GET", "/hello", 200, null, -1, -1);
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
        try {
            // one response on a kept-alive connection; ISO-8859-1 there and back keeps the bytes
            String response = RawHttp.exchange(endpoint.port(), "GET /metrics?name[]=http_server_request_duration_seconds"
                    + "&name[]=http_server_active_requests&name[]=http.server.request.duration_seconds"
                    + "&name[]=http.server.active_requests HTTP/1.1\r\n"
                    + (accept == null ? "" : "Accept: " + accept + "\r\n") + "\r\n");
            return new String(response.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        } finally {
            endpoint.stop();
        }
    }

    private static String countLine(String response) {
        return Arrays.stream(response.split("\n")).filter(l -> l.contains("_count")).collect(Collectors.joining("\n"));
    }

    @Test
    void prometheusThreeSeesTheDashboardNamesByDefault() throws Exception {
        String response = scrape("", PROMETHEUS_3);
        assertTrue(response.contains("Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8\r\n"), response);
        assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/hello\"} 1", countLine(response));
    }

    @Test
    void dottedNamesOnlyWhenSetAndAllowed() throws Exception {
        String dotted = scrape("utf8.names=true", PROMETHEUS_3);
        assertEquals("{\"http.server.request.duration_seconds_count\",\"http.request.method\"=\"GET\","
                + "\"http.response.status_code\"=\"200\",\"http.route\"=\"/hello\"} 1", countLine(dotted));
        assertTrue(dotted.contains("{\"http.server.active_requests\",\"http.request.method\"=\"GET\"} 0"), dotted);
        // the same setting, a scraper without UTF-8 names: exactly the usual names
        for (String accept : new String[] {null, "text/plain;version=0.0.4",
                "application/openmetrics-text;version=1.0.0;escaping=underscores"}) {
            assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                    + "http_response_status_code=\"200\",http_route=\"/hello\"} 1", countLine(scrape("utf8.names=true", accept)),
                    String.valueOf(accept));
        }
    }
}
