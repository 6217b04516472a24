package dev.weft.smoke.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Apache HttpClient 5: the client follows the 302 itself and, by default, retries a 503 once
 * (after a second; the async app waits less); both stay inside the one recorded call.
 */
abstract class ApacheHttpClient5SmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "apache-httpclient-5-app";
    }



    @Override
    protected String refusedError() {
        return "org.apache.hc.client5.http.HttpHostConnectException";
    }


    @Test
    void theClientsRetryOfA503IsPartOfTheOneCall() throws Exception {
        assertEquals(2, downstream.received("/unavailable"), "HttpClient 5 retries a 503 once by default");
        String[] unavailable = labels("GET", downstream.httpPort(), "503", "503");
        assertEquals(1.0, app.scrape().value(DURATION + "_count", unavailable));
        double seconds = app.scrape().value(DURATION + "_sum", unavailable);
        assertTrue(seconds >= retryWaitSeconds() * 0.9,
                "the observation spans the " + retryWaitSeconds() + " s wait before the retry, timed " + seconds + " s");
    }

    /** How long the app's client waits before retrying a 503. */
    protected double retryWaitSeconds() {
        return 1.0;
    }
}
