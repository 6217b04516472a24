package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application's own Prometheus settings configure the application's client only (DESIGN 3):
 * the agent's client reads neither the app's prometheus.properties (class path, or the file named by
 * {@code -Dprometheus.config} / {@code PROMETHEUS_CONFIG}), nor {@code -Dio.prometheus.*}, nor
 * {@code IO_PROMETHEUS_*} variables; and the agent leaves the JVM-wide {@code sun.net.httpserver.*}
 * system properties alone.
 *
 * <p>Each case sets something on one channel that visibly changes the app's own /metrics (proof that
 * the setting is spelled right and read by the app's client_java 1.5, whose loader reads the same
 * channels as the agent's 1.10) and that would visibly change Weft's endpoint had the agent read it.
 */
class PrometheusSettingsIsolationSmokeTest {

    private static final String APP = "own-client-java-app";
    private static final String MAIN = "dev.weft.smoke.app.clientjava.Main";

    @TempDir
    Path dir;

    @Test
    void prometheusPropertiesOnTheAppsClassPathConfigureOnlyTheApp() throws Exception {
        // src/main/resources/prometheus.properties of the app: include_created_timestamps=true
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(APP, MAIN).arg(port).withoutEndpoint().start()) {
            Scrape weft = weftScrape(jvm);
            Scrape own = appScrape(port);
            assertTrue(own.has("app_orders_created"), "the app read its prometheus.properties:\n" + own.text());
            assertTrue(weft.has("weft_instrumented_classes_total"), "a plain counter of Weft's:\n" + weft.text());
            assertEquals(List.of(), names(weft, "", "_created"),
                    "Weft's endpoint has _created series: it read the app's include_created_timestamps=true");
        }
    }

    @Test
    void propertiesFileNamedBySystemPropertyConfiguresOnlyTheApp() throws Exception {
        Path file = write("app-prometheus.properties",
                "io.prometheus.exporter.filter.metric_name_must_not_start_with=process_\n");
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(APP, MAIN).arg(port).jvmOption("-Dprometheus.config=" + file)
                .withoutEndpoint().start()) {
            Scrape weft = weftScrape(jvm);
            Scrape own = appScrape(port);
            assertEquals(List.of(), names(own, "process_", ""), "the app read " + file);
            assertTrue(own.has("jvm_threads_current"), "the app filtered process_* only:\n" + own.text());
            assertTrue(weft.has("process_start_time_seconds"), "Weft read the app's -Dprometheus.config file:\n" + weft.text());
        }
    }

    @Test
    void propertiesFileNamedByEnvironmentConfiguresOnlyTheApp() throws Exception {
        Path file = write("app-prometheus.properties",
                "io.prometheus.exporter.filter.metric_name_must_be_equal_to=app_orders_total\n");
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(APP, MAIN).arg(port).env("PROMETHEUS_CONFIG", file.toString())
                .withoutEndpoint().start()) {
            Scrape weft = weftScrape(jvm);
            Scrape own = appScrape(port);
            assertEquals(3.0, own.value("app_orders_total"));
            assertFalse(own.has("jvm_threads_current"), "the app read PROMETHEUS_CONFIG:\n" + own.text());
            assertEquals(1, weft.samples("weft_build_info").size(), "Weft read PROMETHEUS_CONFIG:\n" + weft.text());
            assertTrue(weft.has("jvm_threads_current"), "Weft read PROMETHEUS_CONFIG:\n" + weft.text());
        }
    }

    @Test
    void ioPrometheusSystemPropertiesConfigureOnlyTheApp() throws Exception {
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(APP, MAIN).arg(port)
                .jvmOption("-Dio.prometheus.exporter.filter.metric_name_must_not_be_equal_to=jvm_threads_current,app_hidden_total")
                .withoutEndpoint().start()) {
            Scrape weft = weftScrape(jvm);
            Scrape own = appScrape(port);
            assertFalse(own.has("app_hidden_total"), "the app read -Dio.prometheus...:\n" + own.text());
            assertFalse(own.has("jvm_threads_current"), "the app read -Dio.prometheus...:\n" + own.text());
            assertTrue(own.has("jvm_threads_daemon"), "the app filtered exact names only:\n" + own.text());
            assertTrue(weft.has("jvm_threads_current"), "Weft read the app's -Dio.prometheus...:\n" + weft.text());
        }
    }

    @Test
    void ioPrometheusEnvironmentVariablesConfigureOnlyTheApp() throws Exception {
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(APP, MAIN).arg(port)
                .env("IO_PROMETHEUS_EXPORTER_FILTER_METRIC_NAME_MUST_START_WITH", "app_")
                .env("IO_PROMETHEUS_METRICS_HISTOGRAM_NATIVE_ONLY", "true")
                .withoutEndpoint().start()) {
            Scrape weft = weftScrape(jvm);
            Scrape own = appScrape(port);
            assertFalse(own.has("jvm_threads_current"), "the app read IO_PROMETHEUS_EXPORTER_FILTER_...:\n" + own.text());
            assertEquals(List.of("+Inf"), bucketBounds(own, "app_latency_seconds_bucket"),
                    "the app read IO_PROMETHEUS_METRICS_HISTOGRAM_NATIVE_ONLY=true:\n" + own.text());
            assertTrue(weft.has("jvm_threads_current"), "Weft read IO_PROMETHEUS_EXPORTER_FILTER_...:\n" + weft.text());
            assertTrue(weft.has("process_start_time_seconds"), "Weft read IO_PROMETHEUS_EXPORTER_FILTER_...:\n" + weft.text());
            assertEquals(1, weft.samples("weft_build_info").size(), "Weft read IO_PROMETHEUS_EXPORTER_FILTER_...:\n" + weft.text());
        }
    }

    /** The two apps; each one's Prometheus HTTPServer class sets maxReqTime=60, maxRspTime=600 when unset. */
    enum OwnApp {
        SIMPLECLIENT("own-simpleclient-app", "dev.weft.smoke.app.simpleclient.Main"),
        CLIENT_JAVA("own-client-java-app", "dev.weft.smoke.app.clientjava.Main");

        final String module;
        final String mainClass;

        OwnApp(String module, String mainClass) {
            this.module = module;
            this.mainClass = mainClass;
        }
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void httpServerPropertiesTheAppLeftUnsetStayUnset(OwnApp app) throws Exception {
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(app.module, app.mainClass).arg(port).withoutEndpoint().start()) {
            weftScrape(jvm);
            weftScrape(jvm);
            Map<String, String> atStartup = ClassLoaderIsolationSmokeTest.report(jvm.stdout());
            assertEquals("(unset)", atStartup.get("startup.sun.net.httpserver.maxReqTime"), "first thing in main, after premain");
            assertEquals("(unset)", atStartup.get("startup.sun.net.httpserver.maxRspTime"), "first thing in main, after premain");
            // The app's own Prometheus HTTPServer found them unset too and applied its defaults.
            assertEquals("60", atStartup.get("ownserver.sun.net.httpserver.maxReqTime"), "set by the app's own library");
            assertEquals("600", atStartup.get("ownserver.sun.net.httpserver.maxRspTime"), "set by the app's own library");
            // The app then put them back as they were; two scrapes of Weft later, nobody changed them.
            Map<String, String> now = isolation(port);
            assertEquals("(unset)", now.get("now.sun.net.httpserver.maxReqTime"), "after Weft served two scrapes");
            assertEquals("(unset)", now.get("now.sun.net.httpserver.maxRspTime"), "after Weft served two scrapes");
        }
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void httpServerPropertyTheAppSetIsUnchanged(OwnApp app) throws Exception {
        int port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(app.module, app.mainClass).arg(port)
                .jvmOption("-Dsun.net.httpserver.maxReqTime=30").withoutEndpoint().start()) {
            weftScrape(jvm);
            Map<String, String> atStartup = ClassLoaderIsolationSmokeTest.report(jvm.stdout());
            assertEquals("30", atStartup.get("startup.sun.net.httpserver.maxReqTime"), "the app's -D value, after premain");
            assertEquals("(unset)", atStartup.get("startup.sun.net.httpserver.maxRspTime"), "first thing in main, after premain");
            assertEquals("30", atStartup.get("ownserver.sun.net.httpserver.maxReqTime"), "the app's library keeps a set value");
            Map<String, String> now = isolation(port);
            assertEquals("30", now.get("now.sun.net.httpserver.maxReqTime"), "after Weft served a scrape");
            assertEquals("(unset)", now.get("now.sun.net.httpserver.maxRspTime"), "after Weft served a scrape");
        }
    }

    /**
     * The JDK's HTTP server reads sun.net.httpserver.* once per JVM, when the first server is made
     * (sun.net.httpserver.ServerConfig's static initialiser). Both Prometheus clients' HTTPServer
     * classes set maxReqTime=60 and maxRspTime=600 from their static initialisers, just before the
     * app makes its server; without the agent those timeouts apply. An agent whose endpoint made the
     * JVM's first such server in premain would freeze them at -1 (no timeout): Weft's endpoint must
     * not be a com.sun.net.httpserver server.
     */
    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void appsOwnHttpServerAppliesTheTimeoutsItsClientSet(OwnApp app) throws Exception {
        for (boolean withAgent : new boolean[] {false, true}) {
            int port = Ports.free();
            AgentJvm.Builder builder = AgentJvm.app(app.module, app.mainClass).arg(port)
                    .jvmOption("--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED");
            if (!withAgent) {
                builder.withoutAgent();
            }
            try (AgentJvm jvm = builder.start()) {
                Map<String, String> atStartup = ClassLoaderIsolationSmokeTest.report(jvm.stdout());
                String which = withAgent ? "with the agent" : "without the agent";
                assertEquals("60", atStartup.get("jdk.ServerConfig.getMaxReqTime"), which + ": " + atStartup);
                assertEquals("600", atStartup.get("jdk.ServerConfig.getMaxRspTime"), which + ": " + atStartup);
            }
        }
    }

    /**
     * Weft's scrape. The endpoint is bound in premain, before the app's main prints READY; if the
     * agent disabled itself (for instance because it could not read its settings) this fails with
     * the agent's own words.
     */
    private static Scrape weftScrape(AgentJvm jvm) throws Exception {
        for (int i = 0; i < 50 && !Http.answers(jvm.metricsUrl()); i++) {
            Thread.sleep(100);
        }
        if (!Http.answers(jvm.metricsUrl())) {
            Thread.sleep(300); // let the stderr pump catch up
            throw new AssertionError("the agent serves nothing at " + jvm.metricsUrl() + "; weft lines: "
                    + jvm.weftLines() + "\n" + jvm.output());
        }
        return jvm.scrape();
    }

    private static Scrape appScrape(int port) throws IOException {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return Scrape.of(response.body());
    }

    private static Map<String, String> isolation(int port) throws IOException {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + "/isolation");
        assertEquals(200, response.statusCode(), response.body());
        return ClassLoaderIsolationSmokeTest.report(List.of(response.body().split("\n")));
    }

    /** Distinct sample names with the prefix and suffix. */
    private static List<String> names(Scrape scrape, String prefix, String suffix) {
        List<String> found = new ArrayList<>();
        for (Scrape.Sample s : scrape.samples()) {
            if (s.name.startsWith(prefix) && s.name.endsWith(suffix) && !found.contains(s.name)) {
                found.add(s.name);
            }
        }
        return found;
    }

    private static List<String> bucketBounds(Scrape scrape, String name) {
        List<String> bounds = new ArrayList<>();
        for (Scrape.Sample s : scrape.samples(name)) {
            bounds.add(s.labels.get("le"));
        }
        return bounds;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
