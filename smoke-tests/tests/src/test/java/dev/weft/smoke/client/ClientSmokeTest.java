package dev.weft.smoke.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One HTTP client library in an app JVM with the agent, calling a real {@link Downstream}.
 *
 * <p>The app (one main class per library) is started with three arguments, the downstream's HTTP
 * port, its HTTPS port and a loopback port where nothing listens, and makes each of these calls
 * once, in order, to {@code 127.0.0.1}, with a 1 s read timeout and redirects followed when the
 * library follows them by default; then it prints {@code READY} and stays up to be scraped:
 *
 * <ol>
 *   <li>{@code GET http /ok}, {@code GET /missing}, {@code GET /unavailable}, {@code GET /slow},
 *       {@code GET /reset}, {@code GET /redirect}, {@code POST /echo} (a small body);</li>
 *   <li>{@code GET https /ok}, trusting WireMock's self-signed certificate;</li>
 *   <li>{@code GET http /ok} on the closed port;</li>
 *   <li>for an asynchronous library that can cancel a call ({@code Scenarios.CancellingClient}),
 *       {@code GET http /slow}, cancelled by the app 200 ms after it started.</li>
 * </ol>
 *
 * A failed call is caught and printed by the app, never fatal. Subclasses name the app and the
 * exception classes their library raises; extra tests of a library's own API (asynchronous
 * calls, say) go in the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientSmokeTest {

    public static final String DURATION = "http_client_request_duration_seconds";
    public static final String ACTIVE = "http_client_active_requests";

    private ClientApp client;
    protected Downstream downstream;
    protected AgentJvm app;
    protected int closedPort;

    /** The smoke app module, a folder of smoke-tests/apps. */
    protected abstract String app();

    protected abstract String mainClass();

    /**
     * The error_type of the call past the read timeout: the exception class the library throws.
     * The defaults here are what most clients built on the JDK's sockets throw.
     */
    protected String timeoutError() {
        return "java.net.SocketTimeoutException";
    }

    /** The error_type of the call whose connection the server reset. */
    protected String resetError() {
        return "java.net.SocketException";
    }

    /** The error_type of the call to the closed port. */
    protected String refusedError() {
        return "java.net.ConnectException";
    }

    /**
     * Whether the app cancels a call in flight (a {@code Scenarios.CancellingClient}): recorded without
     * a status, as {@code java.util.concurrent.CancellationException}.
     */
    protected boolean cancels() {
        return false;
    }

    /**
     * Whether {@link #theAppGetsTheSameOutcomesWithoutTheAgent} runs: the app once more, without the
     * agent, against a downstream of its own. It costs a JVM start; subclasses opt in.
     */
    protected boolean comparesWithoutAgent() {
        return false;
    }

    /** Whether the library follows the 302 by default (one logical call recording 200) or returns it. */
    protected boolean followsRedirects() {
        return true;
    }

    @BeforeAll
    void start() throws Exception {
        client = ClientApp.start(app(), mainClass());
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

    protected static String[] labels(String method, int port, String status, String errorType) {
        return new String[] {"http_request_method", method, "server_address", "127.0.0.1",
                "server_port", Integer.toString(port), "http_response_status_code", status, "error_type", errorType};
    }

    @Test
    void everyCallIsOneObservationWithItsServerStatusAndError() throws Exception {
        int http = downstream.httpPort();
        List<String[]> expected = new ArrayList<>();
        expected.add(labels("GET", http, "200", ""));
        expected.add(labels("GET", http, "404", "404"));
        expected.add(labels("GET", http, "503", "503"));
        expected.add(labels("GET", http, "", timeoutError()));
        expected.add(labels("GET", http, "", resetError()));
        if (!followsRedirects()) {
            expected.add(labels("GET", http, "302", ""));
        }
        expected.add(labels("POST", http, "201", ""));
        expected.add(labels("GET", downstream.httpsPort(), "200", ""));
        expected.add(labels("GET", closedPort, "", refusedError()));
        if (cancels()) {
            expected.add(labels("GET", http, "", "java.util.concurrent.CancellationException"));
        }

        Scrape scrape = app.scrape();
        for (String[] series : expected) {
            double count = series[7].equals("200") && series[5].equals(Integer.toString(http))
                    && followsRedirects() ? 2 : 1;
            assertEquals(count, scrape.value(DURATION + "_count", series), String.join(",", series) + "\n" + app.output());
        }
        assertEquals(expected.size(), scrape.samples(DURATION + "_count").size(),
                "no other series, so nothing was counted twice: " + scrape.samples(DURATION + "_count"));
    }

    /** The call past the 1 s read timeout is timed until it failed, not until the library handed it off. */
    @Test
    void aCallIsTimedUntilItEnds() throws Exception {
        double seconds = app.scrape().value(DURATION + "_sum", labels("GET", downstream.httpPort(), "", timeoutError()));
        assertTrue(seconds >= 0.9, "timed " + seconds + " s, yet the read timeout is 1 s");
    }

    @Test
    void theCallsReallyReachedTheDownstream() {
        assertEquals(1, downstream.received("/missing"));
        assertEquals(1, downstream.received("/echo"));
        assertEquals(followsRedirects() ? 2 : 1, downstream.received("/ok") - 1 /* the HTTPS call */);
    }

    @Test
    void noCallStaysActive() throws Exception {
        Scrape scrape = app.scrape();
        assertTrue(scrape.has(ACTIVE), scrape.text());
        for (Scrape.Sample sample : scrape.samples(ACTIVE)) {
            assertEquals(0.0, sample.value, sample.toString());
        }
    }

    /**
     * Every call ends the same way with and without the agent: the same status, or an exception of
     * the same class (messages differ by connection ids and ports).
     */
    @Test
    void theAppGetsTheSameOutcomesWithoutTheAgent() throws Exception {
        Assumptions.assumeTrue(comparesWithoutAgent(), "this client's test does not compare");
        List<String> withAgent = outcomes(app.stdout());
        try (Downstream other = Downstream.start();
             AgentJvm plain = AgentJvm.app(app(), mainClass())
                     .arg(other.httpPort()).arg(other.httpsPort()).arg(Ports.free()).withoutAgent().start()) {
            assertEquals(withAgent, outcomes(plain.stdout()), plain.output());
        }
    }

    /** "GET http://127.0.0.1:N/ok -> 200" or "... -> java.net.ConnectException", one per call the app printed. */
    private static List<String> outcomes(List<String> stdout) {
        List<String> outcomes = new ArrayList<>();
        for (String line : stdout) {
            int arrow = line.indexOf(" -> ");
            if (arrow < 0) {
                continue;
            }
            String result = line.substring(arrow + 4);
            int message = result.indexOf(':');
            outcomes.add(line.substring(0, arrow).replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:N")
                    + " -> " + (message < 0 ? result : result.substring(0, message)));
        }
        return outcomes;
    }

    @Test
    void noLabelCarriesAPathOrQuery() throws Exception {
        for (Scrape.Sample sample : app.scrape().samples()) {
            for (String value : sample.labels.values()) {
                assertTrue(!value.contains("/ok") && !value.contains("/slow") && !value.contains("?"), sample.toString());
            }
        }
    }
}
