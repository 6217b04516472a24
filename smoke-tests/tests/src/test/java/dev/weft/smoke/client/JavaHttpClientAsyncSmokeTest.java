package dev.weft.smoke.client;

import static dev.weft.smoke.client.ClientSmokeTest.ACTIVE;
import static dev.weft.smoke.client.ClientSmokeTest.DURATION;
import static dev.weft.smoke.client.ClientSmokeTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.Scrape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code HttpClient.sendAsync} is recorded when its future settles: a response with its status, a
 * failure with the exception's class, a cancellation by the application as
 * {@code CancellationException}. A client that does not follow redirects records the 302.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaHttpClientAsyncSmokeTest {

    private ClientApp client;

    @BeforeAll
    void start() throws Exception {
        client = ClientApp.start("java-http-client-app", "dev.weft.smoke.app.httpclient.AsyncCalls");
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void everyFutureIsOneObservationWithItsOutcome() throws Exception {
        int http = client.downstream.httpPort();
        Map<String[], Double> expected = new LinkedHashMap<>();
        expected.put(labels("GET", http, "200", ""), 1.0);
        expected.put(labels("GET", http, "503", "503"), 1.0);
        expected.put(labels("GET", client.closedPort, "", "java.net.ConnectException"), 1.0);
        expected.put(labels("GET", http, "", "java.util.concurrent.CancellationException"), 1.0);
        expected.put(labels("GET", http, "302", ""), 1.0);

        // the observation is made by a callback of the future, which may run just after the app moved on
        Scrape scrape = client.app.scrape();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (scrape.samples(DURATION + "_count").size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = client.app.scrape();
        }
        for (Map.Entry<String[], Double> series : expected.entrySet()) {
            assertEquals(series.getValue(), scrape.value(DURATION + "_count", series.getKey()),
                    String.join(",", series.getKey()) + "\n" + client.app.output());
        }
        assertEquals(expected.size(), scrape.samples(DURATION + "_count").size(),
                "no other series: " + scrape.samples(DURATION + "_count"));
        for (Scrape.Sample sample : scrape.samples(ACTIVE)) {
            assertEquals(0.0, sample.value, sample.toString());
        }
    }
}
