package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent's own HTTP endpoint, on one embedded Tomcat with the agent: formats chosen by
 * {@code Accept}, gzip, the health path, the JVM and process metrics, and a scrape that
 * {@code promtool check metrics} accepts without a remark.
 *
 * <p>promtool comes from the Debian package {@code prometheus}; without it the promtool case fails
 * (it is a required check, not an optional one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSmokeTest {

    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";

    private AgentJvm app;
    private int appPort;

    @BeforeAll
    void startApp() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort).start();
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private String appUrl(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }

    private String endpointUrl(String path) {
        return "http://127.0.0.1:" + app.metricsPort() + path;
    }

    @Test
    void plainGetIsPrometheusText() throws Exception {
        HttpResponse<String> response = Http.get(app.metricsUrl());
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain; version=0.0.4"), "Content-Type: " + type);
        assertTrue(response.body().contains("weft_build_info"), response.body());
        assertFalse(response.body().contains("# EOF"), "text format has no # EOF");
    }

    @Test
    void openMetricsByAccept() throws Exception {
        HttpResponse<String> response = Http.get(app.metricsUrl(), "Accept", OPENMETRICS);
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/openmetrics-text"), "Content-Type: " + type);
        assertTrue(response.body().endsWith("# EOF\n"), "ends with # EOF: ..."
                + response.body().substring(Math.max(0, response.body().length() - 200)));
        assertTrue(response.body().contains("weft_build_info"), response.body());
    }

    /**
     * Issue 19, on the shaded jar: the header of a Prometheus with native histograms gets protobuf
     * (and does not answer 500), with protobuf refused it gets OpenMetrics.
     */
    @Test
    void protobufByThePrometheusNativeHistogramHeader() throws Exception {
        String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
                + "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1";
        HttpResponse<byte[]> response = Http.getBytes(app.metricsUrl(), "Accept", accept);
        assertEquals(200, response.statusCode());
        assertEquals("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited",
                response.headers().firstValue("Content-Type").orElse(""));
        // the first delimited message is a whole MetricFamily: its length prefix covers a name field
        byte[] body = response.body();
        int length = 0;
        int at = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = body[at++];
            length |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        assertTrue(length > 0 && at + length <= body.length && body[at] == 0x0A, "MetricFamily.name first");
        assertTrue(new String(body, StandardCharsets.ISO_8859_1).contains("weft_build_info"));

        HttpResponse<String> refused = Http.get(app.metricsUrl(), "Accept", accept.replace("q=0.6", "q=0"));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text; version=1.0.0"));
        assertTrue(refused.body().endsWith("# EOF\n"));
    }

    @Test
    void gzipByAcceptEncoding() throws Exception {
        HttpResponse<byte[]> response = Http.getBytes(app.metricsUrl(), "Accept-Encoding", "gzip");
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""), "Content-Encoding");
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.contains("weft_build_info"), text);
        assertTrue(Scrape.of(text).has("jvm_memory_used_bytes"), "a whole exposition:\n" + text);
    }

    @Test
    void healthPathAnswers200() throws Exception {
        HttpResponse<String> response = Http.get(endpointUrl("/-/healthy"));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void jvmAndProcessMetricsAreServed() throws Exception {
        Scrape scrape = app.scrape();
        List<String> missing = new ArrayList<>();
        for (String name : new String[] {
                "process_cpu_seconds_total",
                "process_resident_memory_bytes",
                "process_open_fds",
                "process_start_time_seconds",
                "jvm_memory_used_bytes",
                "jvm_threads_current",
                "jvm_gc_collection_seconds_count",
                "jvm_classes_currently_loaded",
                "jvm_runtime_info",
                "weft_build_info"}) {
            if (!scrape.has(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "missing " + missing + " in:\n" + scrape.text());
        assertFalse(scrape.samplesWith("jvm_memory_used_bytes", "area", "heap").isEmpty(), "heap memory");
        assertTrue(scrape.samples("process_resident_memory_bytes").get(0).value > 0, "resident memory > 0");
        List<Scrape.Sample> build = scrape.samples("weft_build_info");
        assertEquals(1, build.size(), build.toString());
        String version = build.get(0).labels.get("version");
        assertTrue(version != null && !version.isEmpty(), "weft_build_info has a version label: " + build);
        assertEquals(1.0, build.get(0).value);
    }

    @Test
    void promtoolFindsNothingToSayAboutARealScrape() throws Exception {
        String promtool = onPath("promtool");
        if (promtool == null) {
            fail("promtool is not installed; it comes from the Debian package prometheus:"
                    + " run `apt-get install -y prometheus`");
        }
        assertEquals(200, Http.get(appUrl("/hello")).statusCode());
        assertEquals(200, Http.get(appUrl("/users/1")).statusCode());
        assertEquals(500, Http.get(appUrl("/fail")).statusCode());
        assertEquals(404, Http.get(appUrl("/nope")).statusCode());
        String text = Http.get(app.metricsUrl()).body();
        assertTrue(text.contains("http_server_request_duration_seconds_count"), "requests recorded:\n" + text);
        Path file = Files.createTempFile("weft-scrape", ".txt");
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            Process process = new ProcessBuilder(promtool, "check", "metrics")
                    .redirectInput(file.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool did not finish");
            }
            // promtool prints lint problems (stderr) and exits 3, or parse errors and exits 1. The
            // thread-pool gauges keep the OpenTelemetry JMX names (tomcat.thread.count,
            // tomcat.thread.busy.count), so their "_count" lint is expected, and the only one allowed.
            String problems = out.lines()
                    .filter(l -> !l.matches("((tomcat|jetty|undertow)_thread(_busy)?|netty_event_loop)_count non-histogram and non-summary metrics"
                            + " should not have \"_count\" suffix"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertEquals("", problems.trim(), "promtool check metrics found problems in the scrape:\n" + out);
            assertEquals(problems.equals(out.trim()) ? 0 : 3, process.exitValue(), "promtool exit code; output:\n" + out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    // The "endpoint threads are daemons" case needs an app whose main returns at once; the
    // servlet-jakarta-app module has none (TomcatMain and JettyMain both block), so it is not here.
}
