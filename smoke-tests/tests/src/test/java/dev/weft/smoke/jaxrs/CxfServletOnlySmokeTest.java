package dev.weft.smoke.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CXF 4.1 with {@code jaxrs-cxf} disabled: only the servlet records. CXF writes Spring's
 * {@code bestMatchingPattern} request attribute itself, holding the raw request URI until it matches
 * a resource; the servlet advice must not take that for a Spring MVC pattern.
 */
class CxfServletOnlySmokeTest {

    private static final String COUNT = JaxrsSmokeTest.DURATION + "_count";

    @Test
    void everyRequestKeepsTheServletMappingAndNoPathBecomesARoute() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("cxf4-app", "dev.weft.smoke.app.cxf4.JettyMain")
                .env("WEFT_INSTRUMENTATIONS_DISABLED", "jaxrs-cxf").arg(port).start()) {
            String base = "http://127.0.0.1:" + port + "/shop/api";
            assertEquals("user 1", Http.get(base + "/users/1").body());
            assertEquals(404, Http.get(base + "/nowhere/8675309").statusCode());
            assertEquals(405, Http.method(base + "/users/11", "DELETE").statusCode());

            List<String> expected = List.of(
                    COUNT + "{http_request_method=DELETE, http_response_status_code=405, http_route=/shop/api/*} 1.0",
                    COUNT + "{http_request_method=GET, http_response_status_code=200, http_route=/shop/api/*} 1.0",
                    COUNT + "{http_request_method=GET, http_response_status_code=404, http_route=/shop/api/*} 1.0");
            List<String> seen = counts(app.scrape());
            // recording may end just after the client read the response
            for (int i = 0; i < 100 && !seen.equals(expected); i++) {
                Thread.sleep(50);
                seen = counts(app.scrape());
            }
            assertEquals(expected, seen, app.output());
        }
    }

    private static List<String> counts(Scrape scrape) {
        List<String> lines = new ArrayList<>();
        for (Scrape.Sample sample : scrape.samples()) {
            if (sample.name.equals(COUNT)) {
                lines.add(sample.toString());
            }
        }
        lines.sort(null);
        return lines;
    }
}
