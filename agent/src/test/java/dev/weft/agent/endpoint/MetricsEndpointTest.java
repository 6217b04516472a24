package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.model.registry.Collector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw HTTP against the endpoint on a loopback port, to see exactly what goes over the wire. */
class MetricsEndpointTest {

    private MetricsEndpoint endpoint;
    private Metrics metrics;

    @BeforeEach
    void start() throws IOException {
        metrics = new Metrics(Config.defaults(), "test", new InstrumentationStats());
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
    }

    @AfterEach
    void stop() throws IOException {
        endpoint.stop();
    }

    private byte[] exchange(String request) throws IOException {
        return RawHttp.exchange(endpoint.port(), request).getBytes(StandardCharsets.ISO_8859_1);
    }

    private String text(String request) throws IOException {
        return new String(exchange(request), StandardCharsets.UTF_8);
    }

    @Test
    void scrapeIsPrometheusTextWithAnExactLength() throws IOException {
        String response = text("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), response);
        assertTrue(response.contains("Connection: keep-alive\r\n"), response);
        assertTrue(response.contains("Cache-Control: no-store\r\n"), response);
        assertTrue(response.contains("X-Content-Type-Options: nosniff\r\n"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(response.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), response);
        assertTrue(body.contains("weft_build_info{version=\"test\"} 1\n"), body);
    }

    @Test
    void openMetricsByAcceptAndGzipByAcceptEncoding() throws IOException {
        byte[] raw = exchange("GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text; version=1.0.0\r\n"
                + "Accept-Encoding: gzip\r\n\r\n");
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int split = head.indexOf("\r\n\r\n") + 4;
        assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
        assertTrue(head.substring(0, split).contains("Content-Encoding: gzip"), head.substring(0, split));
        assertTrue(head.substring(0, split).contains("Content-Type: application/openmetrics-text"), head.substring(0, split));
        byte[] gz = Arrays.copyOfRange(raw, split, raw.length);
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.endsWith("# EOF\n"), body);
    }

    @Test
    void headHasTheLengthButNoBody() throws IOException {
        String response = text("HEAD /metrics HTTP/1.1\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "no body after the head: " + response);
    }

    @Test
    void healthOtherPathsAndMethods() throws IOException {
        assertTrue(text("GET /-/healthy HTTP/1.1\r\n\r\n").endsWith("\r\n\r\nWeft is healthy.\n"));
        String unknown = text("GET /metricsx HTTP/1.1\r\n\r\n");
        assertTrue(unknown.startsWith("HTTP/1.1 404 "));
        assertTrue(unknown.endsWith("\r\n\r\nWeft serves /, /metrics and /-/healthy.\n"), unknown);
        String post = text("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assertTrue(post.startsWith("HTTP/1.1 405 ") && post.contains("Allow: GET, HEAD\r\n"), post);
    }

    @Test
    void malformedAndOversizedRequestsAreRefused() throws IOException {
        assertTrue(text("nonsense\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(text("GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n").startsWith("HTTP/1.1 400 "));
        char[] big = new char[RequestHead.MAX_HEAD_BYTES];
        Arrays.fill(big, 'a');
        assertTrue(text("GET /metrics HTTP/1.1\r\nX-Big: " + new String(big) + "\r\n\r\n").startsWith("HTTP/1.1 431 "));
    }

    @Test
    void aBusyPortIsAnIOException() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThrows(IOException.class, () -> MetricsEndpoint.start("127.0.0.1", taken.getLocalPort(), "/metrics",
                    new Metrics(Config.defaults(), "test", new InstrumentationStats())));
        }
    }

    @Test
    void scrapesAreTimed() throws IOException {
        text("GET /metrics HTTP/1.1\r\n\r\n");
        String second = text("GET /metrics HTTP/1.1\r\n\r\n");
        String line = Arrays.stream(second.split("\n")).filter(l -> l.startsWith("weft_scrape_duration_seconds "))
                .findFirst().orElseThrow(AssertionError::new);
        assertTrue(Double.parseDouble(line.substring(line.indexOf(' ') + 1)) > 0, line);
    }

    @Test
    void aFailingScrapeIsAPlainTextServerError() throws IOException {
        Collector failing = () -> {
            throw new IllegalStateException("collector failed");
        };
        metrics.registry().register(failing);
        String response = text("GET /metrics HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n");
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 500 "), response);
        assertTrue(!head.contains("Content-Encoding"), "a plain-text error carries no gzip header: " + head);
        assertTrue(head.contains("Content-Type: text/plain; charset=utf-8"), head);
        assertTrue(!response.contains("collector failed") && !response.contains("IllegalStateException"),
                "the cause stays in the agent's log: " + response);
    }

    /** Issue 19: the header Prometheus sends with native histograms on answered 500. */
    @Test
    void prometheusThreeWithNativeHistogramsGetsAScrape() throws IOException {
        String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
                + "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1";
        byte[] raw = exchange("GET /metrics HTTP/1.1\r\nAccept: " + accept + "\r\n\r\n");
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int split = head.indexOf("\r\n\r\n") + 4;
        head = head.substring(0, split);
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("Content-Type: application/vnd.google.protobuf; "
                + "proto=io.prometheus.client.MetricFamily; encoding=delimited\r\n"), head);
        String decoded = ProtobufText.print(Arrays.copyOfRange(raw, split, raw.length));
        assertTrue(decoded.contains("name: \"weft_build_info\"\nhelp: \"Weft agent build; the value is always 1\"\n"
                + "type: GAUGE\nmetric {\n  label {\n    name: \"version\"\n    value: \"test\"\n  }\n"
                + "  gauge {\n    value: 1.0\n  }\n}\n"), decoded);
        assertTrue(!decoded.contains("malformed"), decoded);
    }

    @Test
    void protobufForPeopleByDebug() throws IOException {
        String debug = text("GET /metrics?debug=prometheus-protobuf&name[]=weft_build_info HTTP/1.1\r\n\r\n");
        assertTrue(debug.startsWith("HTTP/1.1 200 OK\r\n") && debug.contains("Content-Type: text/plain; charset=utf-8"), debug);
        assertTrue(debug.endsWith("\r\n\r\nname: \"weft_build_info\"\nhelp: \"Weft agent build; the value is always 1\"\n"
                + "type: GAUGE\nmetric {\n  label {\n    name: \"version\"\n    value: \"test\"\n  }\n"
                + "  gauge {\n    value: 1.0\n  }\n}\n\n"), debug);
    }

    @Test
    void weightsAreHonouredOnTheWire() throws IOException {
        String response = text("GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text;version=1.0.0;q=0.2,"
                + "text/plain;version=0.0.4;q=0.9\r\n\r\n");
        assertTrue(response.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), response);
        assertTrue(!response.contains("# EOF"), response);
        String utf8 = text("GET /metrics HTTP/1.1\r\nAccept: text/plain;version=1.0.0;escaping=allow-utf-8\r\n\r\n");
        assertTrue(utf8.contains("Content-Type: text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8\r\n"), utf8);
        String refused = text("GET /metrics HTTP/1.1\r\nAccept: text/plain\r\nAccept-Encoding: gzip;q=0\r\n\r\n");
        assertTrue(!refused.contains("Content-Encoding") && refused.contains("weft_build_info"), refused);
    }

    @Test
    void createdTimestampsOnlyWhenAsked() throws Exception {
        String om = "GET /metrics?name[]=http_server_request_duration_seconds HTTP/1.1\r\n"
                + "Accept: application/openmetrics-text;version=1.0.0\r\n\r\n";
        long start = metrics.server().start("GET");
        metrics.server().end(start, "GET", "/hello", 200, null, -1, -1);
        assertTrue(!text(om).contains("_created"), "off by default");
        endpoint.stop();
        metrics = new Metrics(Config.load("created.timestamps=true", new java.util.Properties(),
                java.util.Collections.<String, String>emptyMap()), "test", new InstrumentationStats());
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
        start = metrics.server().start("GET");
        metrics.server().end(start, "GET", "/hello", 200, null, -1, -1);
        String response = text(om);
        String created = Arrays.stream(response.split("\n")).filter(l -> l.contains("_created")).findFirst().orElse("");
        assertTrue(created.startsWith("http_server_request_duration_seconds_created{"), response);
        double seconds = Double.parseDouble(created.substring(created.lastIndexOf(' ') + 1));
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000.0) < 600, created);
    }

    @Test
    void debugAndNameFilters() throws IOException {
        String om = text("GET /metrics?debug=openmetrics&name[]=weft_build_info HTTP/1.1\r\n\r\n");
        assertTrue(om.contains("Content-Type: text/plain; charset=utf-8\r\n"), om);
        String body = om.substring(om.indexOf("\r\n\r\n") + 4);
        assertEquals("# TYPE weft_build info\n# HELP weft_build Weft agent build; the value is always 1\n"
                + "weft_build_info{version=\"test\"} 1\n# EOF\n", body);
        String unknown = text("GET /metrics?debug=yaml HTTP/1.1\r\n\r\n");
        assertTrue(unknown.startsWith("HTTP/1.1 400 ") && unknown.contains("text, openmetrics"), unknown);
    }

    @Test
    void statusLineNamesTheCode() throws IOException {
        assertEquals("HTTP/1.1 404 Not Found", text("GET /nothing HTTP/1.0\r\n\r\n").split("\r\n")[0]);
    }

    @Test
    void tooManyHeadersAre431() throws IOException {
        StringBuilder request = new StringBuilder("GET /metrics HTTP/1.1\r\n");
        for (int i = 0; i <= RequestHead.MAX_HEADERS; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        assertTrue(text(request + "\r\n").startsWith("HTTP/1.1 431 "));
        StringBuilder allowed = new StringBuilder("GET /-/healthy HTTP/1.1\r\n");
        for (int i = 0; i < RequestHead.MAX_HEADERS; i++) {
            allowed.append("X-H").append(i).append(": v\r\n");
        }
        assertTrue(text(allowed + "\r\n").startsWith("HTTP/1.1 200 "), "exactly the limit is fine");
    }

    @Test
    void aRequestThatAnnouncesABodyIs413() throws IOException {
        assertTrue(text("GET /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").startsWith("HTTP/1.1 413 "));
        assertTrue(text("GET /metrics HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .startsWith("HTTP/1.1 413 "));
        assertTrue(text("GET /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 200 "));
    }

    @Test
    void basicAuthGuardsTheMetricsPathOnly() throws IOException {
        endpoint.stop();
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics, new BasicAuth("u", "pw"), null,
                MetricsEndpoint.limits(Config.defaults()), 10);
        String refused = text("GET /metrics HTTP/1.1\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 401 Unauthorized\r\n"), refused);
        assertTrue(refused.contains("WWW-Authenticate: Basic realm=\"weft\", charset=\"UTF-8\"\r\n"), refused);
        assertTrue(!refused.contains("weft_build_info"), refused);
        String wrong = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("u:px".getBytes()) + "\r\n";
        assertTrue(text("GET /metrics HTTP/1.1\r\n" + wrong + "\r\n").startsWith("HTTP/1.1 401 "));
        assertTrue(text("HEAD /metrics HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 401 "), "HEAD is guarded too");
        String right = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("u:pw".getBytes()) + "\r\n";
        String scrape = text("GET /metrics HTTP/1.1\r\n" + right + "\r\n");
        assertTrue(scrape.startsWith("HTTP/1.1 200 ") && scrape.contains("weft_build_info"), scrape);
        assertTrue(text("GET /-/healthy HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200 "), "probes need no password");
        String page = text("GET / HTTP/1.1\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 401 Unauthorized\r\n"), "the live page is guarded as the metrics: " + page);
        assertTrue(page.contains("WWW-Authenticate: Basic realm=\"weft\""), page);
        assertTrue(!page.contains("<html"), page);
        assertTrue(text("GET /?refresh=off HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 401 "), "with a query too");
        assertTrue(text("GET / HTTP/1.1\r\n" + wrong + "\r\n").startsWith("HTTP/1.1 401 "));
        String shown = text("GET / HTTP/1.1\r\n" + right + "\r\n");
        assertTrue(shown.startsWith("HTTP/1.1 200 ") && shown.contains("<!DOCTYPE html>"), shown);
        for (String auth : new String[] {"", right}) {
            String unknown = text("GET /admin HTTP/1.1\r\n" + auth + "\r\n");
            assertTrue(unknown.startsWith("HTTP/1.1 404 "), unknown);
            assertTrue(unknown.endsWith("\r\n\r\nNot found.\n"), "names no path: " + unknown);
        }
    }

    @Test
    void theLivePageIsHtmlThatCanRunNoScriptAndIsNeverCached() throws IOException {
        long start = metrics.server().start("GET");
        metrics.server().end(start, "GET", "/orders/{id}", 200, null, -1, -1);
        String response = text("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        String head = response.substring(0, response.indexOf("\r\n\r\n") + 2);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("Content-Type: text/html; charset=utf-8\r\n"), head);
        assertTrue(head.contains("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline';"), head);
        assertTrue(head.contains("frame-ancestors 'none'"), head);
        assertTrue(head.contains("Cache-Control: no-store\r\n"), head);
        assertTrue(head.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), head);
        assertTrue(body.startsWith("<!DOCTYPE html>") && body.endsWith("</html>\n"), body);
        assertTrue(body.contains("<th class=\"k\" scope=\"row\">/orders/{id}</th><td class=\"methods\">GET</td>"
                + "<td class=\"requests\">1</td>"), body);
        assertTrue(body.contains("http-equiv=\"refresh\""), body);
        assertTrue(!text("GET /?refresh=off HTTP/1.1\r\n\r\n").contains("http-equiv=\"refresh\""));
        assertTrue(text("HEAD / HTTP/1.1\r\n\r\n").endsWith("\r\n\r\n"), "HEAD: no body");
    }

    @Test
    void theLivePageIsGzippedForABrowserThatTakesIt() throws IOException {
        byte[] raw = exchange("GET / HTTP/1.1\r\nAccept-Encoding: gzip, deflate, br\r\n\r\n");
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int split = head.indexOf("\r\n\r\n") + 4;
        assertTrue(head.substring(0, split).contains("Content-Encoding: gzip\r\n"), head.substring(0, split));
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(Arrays.copyOfRange(raw, split, raw.length)))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("<!DOCTYPE html>") && body.contains("id=\"health\""), body);
    }
}
