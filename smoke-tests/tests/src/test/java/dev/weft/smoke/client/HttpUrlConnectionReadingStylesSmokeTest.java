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
 * Every way of driving one HttpURLConnection request is one observation: the app
 * ({@code ReadingStyles}) reads responses through getInputStream twice, connect() first, a header
 * first, getErrorStream after a 404, getOutputStream with and without streaming, HEAD, a redirect
 * not followed, failures in connect() and getOutputStream(), https after connect(), and a failed TLS handshake.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpUrlConnectionReadingStylesSmokeTest {

    private ClientApp client;

    @BeforeAll
    void start() throws Exception {
        client = ClientApp.start("http-url-connection-app", "dev.weft.smoke.app.urlconnection.ReadingStyles");
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void eachRequestIsOneObservationHoweverItIsRead() throws Exception {
        int http = client.downstream.httpPort();
        Map<String[], Double> expected = new LinkedHashMap<>();
        expected.put(labels("GET", http, "200", ""), 2.0);    // getInputStream twice; connect() first
        expected.put(labels("GET", http, "503", "503"), 1.0); // a header first
        expected.put(labels("GET", http, "404", "404"), 2.0); // getInputStream then getErrorStream; status first
        expected.put(labels("POST", http, "201", ""), 2.0);   // buffered and streamed bodies
        expected.put(labels("PUT", http, "200", ""), 1.0);
        expected.put(labels("HEAD", http, "200", ""), 1.0);
        expected.put(labels("GET", http, "302", ""), 1.0);    // redirects off
        expected.put(labels("GET", client.closedPort, "", "java.net.ConnectException"), 1.0);  // connect()
        expected.put(labels("POST", client.closedPort, "", "java.net.ConnectException"), 1.0); // getOutputStream()
        expected.put(labels("GET", client.downstream.httpsPort(), "200", ""), 1.0);
        expected.put(labels("GET", client.downstream.httpsPort(), "", "javax.net.ssl.SSLHandshakeException"), 1.0);

        Scrape scrape = client.app.scrape();
        for (Map.Entry<String[], Double> series : expected.entrySet()) {
            assertEquals(series.getValue(), scrape.value(DURATION + "_count", series.getKey()),
                    String.join(",", series.getKey()) + "\n" + client.app.output());
        }
        assertEquals(expected.size(), scrape.samples(DURATION + "_count").size(),
                "no other series: " + scrape.samples(DURATION + "_count"));
    }

    @Test
    void theRequestsReachedTheDownstreamOnceEach() {
        assertEquals(2, client.downstream.received("/missing"));
        assertEquals(2, client.downstream.received("/echo"));
        assertEquals(1, client.downstream.received("/unavailable"));
        assertEquals(2, client.downstream.received("/any"), "PUT and HEAD; the connection never read sent nothing");
    }

    @Test
    void aConnectionOpenedAndNeverReadLeavesNoActiveRequest() throws Exception {
        for (Scrape.Sample sample : client.app.scrape().samples(ACTIVE)) {
            assertEquals(0.0, sample.value, sample.toString());
        }
    }
}
