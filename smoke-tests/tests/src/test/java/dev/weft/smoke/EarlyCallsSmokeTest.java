package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.client.Downstream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No gap after {@code premain}: an application (early-calls-app) whose first statements make one
 * call per client library, then serve one request, has every one of them recorded, although the
 * agent is still starting (the weaving, the registry) while they run. The library classes those calls
 * load wait for the weaving rather than run unwoven. Before, all of them were lost.
 */
class EarlyCallsSmokeTest {

    @Test
    void callsAndARequestMadeAsTheFirstStatementsOfMainAreAllRecorded() throws Exception {
        try (Downstream downstream = Downstream.start()) {
            int port = Ports.free();
            try (AgentJvm app = AgentJvm.app("early-calls-app", "dev.weft.smoke.app.early.EarlyCallsMain")
                    .arg(downstream.httpPort()).arg(port).start()) {
                List<String> answers = app.stdout().stream().filter(l -> !l.equals("READY")).collect(Collectors.toList());
                assertEquals(List.of("HttpURLConnection 200", "java.net.http 200", "java.net.http async 200",
                        "httpclient4 200", "httpclient5 200", "okhttp 200", "served 200"), answers, app.output());
                Scrape scrape = app.scrape();
                String downstreamPort = String.valueOf(downstream.httpPort());
                for (String method : new String[] {"GET", "PUT", "DELETE", "POST", "OPTIONS", "HEAD"}) {
                    assertEquals(1.0, scrape.value("http_client_request_duration_seconds_count",
                            "http_request_method", method, "server_address", "127.0.0.1", "server_port", downstreamPort,
                            "http_response_status_code", "200", "error_type", ""), method + "\n" + app.output());
                }
                assertEquals(1.0, scrape.value("http_client_request_duration_seconds_count", "http_request_method", "GET",
                        "server_address", "127.0.0.1", "server_port", String.valueOf(port),
                        "http_response_status_code", "200", "error_type", ""), "the call to itself");
                assertEquals(1.0, scrape.value("http_server_request_duration_seconds_count", "http_request_method", "GET",
                        "http_route", "/hello", "http_response_status_code", "200", "error_type", ""));
                assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            }
        }
    }
}
