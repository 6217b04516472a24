package dev.weft.smoke.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Google HTTP Client on a transport that is itself instrumented (HttpURLConnection, Apache
 * HttpClient 4). The client follows the 302 and retries the 503 with new requests of its transport;
 * timed at {@code HttpRequest.execute()}, each call is still one observation, with the final status,
 * and the transport records nothing of its own.
 */
abstract class GoogleHttpClientSmokeTest extends ClientSmokeTest {

    @Override
    protected boolean comparesWithoutAgent() {
        return true;
    }

    @Override
    protected String app() {
        return "google-http-client-app";
    }

    @Test
    void theClientsRetryOfA503IsPartOfTheOneCall() throws Exception {
        assertEquals(2, downstream.received("/unavailable"), "the app's back-off handler retries a 5xx once");
        String[] unavailable = labels("GET", downstream.httpPort(), "503", "503");
        assertEquals(1.0, app.scrape().value(DURATION + "_count", unavailable));
        double seconds = app.scrape().value(DURATION + "_sum", unavailable);
        assertTrue(seconds >= 0.3 * 0.9, "the observation spans the 0.3 s wait before the retry, timed " + seconds + " s");
    }
}
