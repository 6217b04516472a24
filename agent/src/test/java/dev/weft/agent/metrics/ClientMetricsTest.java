package dev.weft.agent.metrics;

import static dev.weft.agent.metrics.TestRegistry.metrics;
import static dev.weft.agent.metrics.TestRegistry.scrape;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Records through the real registry and checks the text exposition. */
class ClientMetricsTest {

    @Test
    void aCallIsOneObservationLabelledWithServerAndStatus() throws Exception {
        Metrics metrics = metrics(null);
        ClientMetrics client = metrics.client();
        client.end(client.start("GET", "Api.Example.com", 443), "GET", "Api.Example.com", 443, 200, null);
        client.end(client.start("GET", "Api.Example.com", 443), "GET", "Api.Example.com", 443, 200, null);
        String text = scrape(metrics);
        assertTrue(text.contains("http_client_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",server_address=\"api.example.com\",server_port=\"443\"} 2\n"), text);
        assertTrue(text.contains("http_client_active_requests{http_request_method=\"GET\","
                + "server_address=\"api.example.com\",server_port=\"443\"} 0.0\n"), text);
    }

    @Test
    void errorTypeIsTheStatusFrom400OrTheExceptionWhenNoResponseCame() throws Exception {
        Metrics metrics = metrics(null);
        ClientMetrics client = metrics.client();
        client.end(client.start("POST", "h", 80), "POST", "h", 80, 404, null);
        client.end(client.start("POST", "h", 80), "POST", "h", 80, 503, null);
        client.end(client.start("POST", "h", 80), "POST", "h", 80, ClientMetrics.NO_STATUS, new ConnectException("refused"));
        String text = scrape(metrics);
        assertTrue(text.contains("{error_type=\"404\",http_request_method=\"POST\",http_response_status_code=\"404\""), text);
        assertTrue(text.contains("{error_type=\"503\",http_request_method=\"POST\",http_response_status_code=\"503\""), text);
        assertTrue(text.contains("{error_type=\"java.net.ConnectException\",http_request_method=\"POST\","
                + "server_address=\"h\",server_port=\"80\"} 1\n"), text);
    }

    @Test
    void hostsPastTheBudgetFoldIntoTheOverflowSeries() throws Exception {
        Metrics metrics = metrics("max.series=3");
        ClientMetrics client = metrics.client();
        for (int i = 0; i < 10; i++) {
            String host = "tenant-" + i + ".example.com";
            client.end(client.start("GET", host, 443), "GET", host, 443, 200, null);
        }
        String text = scrape(metrics);
        // a budget of 3 is two label sets and the overflow series
        assertTrue(text.contains("server_address=\"tenant-1.example.com\""), text);
        assertTrue(!text.contains("server_address=\"tenant-2.example.com\""), text);
        assertTrue(text.contains("http_client_request_duration_seconds_count{error_type=\"_overflow\","
                + "http_request_method=\"_overflow\",http_response_status_code=\"_overflow\","
                + "server_address=\"_overflow\",server_port=\"_overflow\"} 8\n"), text);
        assertTrue(text.contains("weft_series_dropped_total{metric=\"http_client_request_duration_seconds\"} 8.0\n"), text);
        assertTrue(text.contains("weft_series_dropped_total{metric=\"http_client_active_requests\"} 8.0\n"), text);
        assertTrue(text.contains("http_client_active_requests{http_request_method=\"_overflow\","
                + "server_address=\"_overflow\",server_port=\"_overflow\"} 0.0\n"), text);

        String again = "tenant-9.example.com";
        client.end(client.start("GET", again, 443), "GET", again, 443, 200, null);
        assertTrue(scrape(metrics).contains(
                "weft_series_dropped_total{metric=\"http_client_request_duration_seconds\"} 8.0\n"),
                "a refused label set seen again is not counted again");
    }
}
