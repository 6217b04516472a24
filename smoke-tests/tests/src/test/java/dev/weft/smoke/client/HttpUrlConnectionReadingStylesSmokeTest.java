package dev.weft.smoke.client;

import static dev.weft.smoke.client.ClientSmokeTest.ACTIVE;
import static dev.weft.smoke.client.ClientSmokeTest.DURATION;
import static dev.weft.smoke.client.ClientSmokeTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.AgentJvm;
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
    private Downstream downstream;
    private AgentJvm app;
    private int closedPort;

    @BeforeAll
    void start() throws Exception {
        client = ClientApp.start("http-url-connection-app", "dev.weft.smoke.app.urlconnection.ReadingStyles");
        downstream = client.downstream;
        closedPort = client.closedPort;
        app = client.app;
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void eachRequestIsOneObservationHoweverItIsRead() throws Exception {
        int http = downstream.httpPort();
        Map<String[], Double> expected = new LinkedHashMap<>();
        expected.put(labels("GET", http, "200", ""), 2.0);    // getInputStream twice; connect() first
        expected.put(labels("GET", http, "503", "503"), 1.0); // a header first
        expected.put(labels("GET", http, "404", "404"), 2.0); // getInputStream then getErrorStream; status first
        expected.put(labels("POST", http, "201", ""), 2.0);   // buffered and streamed bodies
        expected.put(labels("PUT", http, "200", ""), 1.0);
        expected.put(labels("HEAD", http, "200", ""), 1.0);
        expected.put(labels("GET", http, "302", ""), 1.0);    // redirects off
        expected.put(labels("GET", closedPort, "", "java.net.ConnectException"), 1.0);  // connect()
        expected.put(labels("POST", closedPort, "", "java.net.ConnectException"), 1.0); // getOutputStream()
        expected.put(labels("GET", downstream.httpsPort(), "200", ""), 1.0);
        expected.put(labels("GET", downstream.httpsPort(), "", "javax.net.ssl.SSLHandshakeException"), 1.0);

        Scrape scrape = app.scrape();
        for (Map.Entry<String[], Double> series : expected.entrySet()) {
            assertEquals(series.getValue(), scrape.value(DURATION + "_count", series.getKey()),
                    String.join(",", series.getKey()) + "\n" + app.output());
        }
        assertEquals(expected.size(), scrape.samples(DURATION + "_count").size(),
                "no other series: " + scrape.samples(DURATION + "_count"));
    }

    @Test
    void theRequestsReachedTheDownstreamOnceEach() {
        assertEquals(2, downstream.received("/missing"));
        assertEquals(2, downstream.received("/echo"));
        assertEquals(1, downstream.received("/unavailable"));
        assertEquals(2, downstream.received("/any"), "PUT and HEAD; the connection never read sent nothing");
    }

    @Test
    void aConnectionOpenedAndNeverReadLeavesNoActiveRequest() throws Exception {
        for (Scrape.Sample sample : app.scrape().samples(ACTIVE)) {
            assertEquals(0.0, sample.value, sample.toString());
        }
    }
}
