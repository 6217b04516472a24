package dev.weft.smoke.client;

import static dev.weft.smoke.client.ClientSmokeTest.DURATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Client instrumentations share one call depth: an Apache HttpClient 5 call made inside an OkHttp
 * call on the same thread is not recorded, the OkHttp call is, once; the same HttpClient 5 call
 * made on its own is recorded. (nested-clients-app)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedClientsSmokeTest {

    private Downstream downstream;
    private AgentJvm app;

    @BeforeAll
    void start() throws Exception {
        downstream = Downstream.start();
        app = AgentJvm.app("nested-clients-app", "dev.weft.smoke.app.nested.Main").arg(downstream.httpPort()).start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (downstream != null) {
            downstream.close();
        }
    }

    @Test
    void onlyTheOutermostCallIsRecorded() throws Exception {
        String port = Integer.toString(downstream.httpPort());
        Scrape scrape = app.scrape();
        assertEquals(1.0, scrape.value(DURATION + "_count", "http_request_method", "GET", "server_address", "127.0.0.1",
                "server_port", port, "http_response_status_code", "200", "error_type", ""), app.output());
        assertEquals(1.0, scrape.value(DURATION + "_count", "http_request_method", "PUT", "server_address", "127.0.0.1",
                "server_port", port, "http_response_status_code", "200", "error_type", ""),
                "the PUT made on its own, not the one inside the OkHttp call");
        assertEquals(2, scrape.samples(DURATION + "_count").size(), scrape.samples(DURATION + "_count").toString());
    }

    @Test
    void bothInnerCallsReallyHappened() {
        assertEquals(2, downstream.received("/any"));
        assertEquals(1, downstream.received("/ok"));
    }
}
