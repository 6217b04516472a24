package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Applications that bring their own Prometheus client and their own ByteBuddy, each a version other
 * than the agent's (client_java 1.10.0, ByteBuddy 1.18.17), run with the agent: each side serves
 * only its own metrics, the application cannot load any agent class, and its ByteBuddy works.
 *
 * <p>The apps report what they see of the agent as {@code key=value} lines, on stdout at startup
 * and again on {@code GET /isolation} (see the apps' IsolationReport).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassLoaderIsolationSmokeTest {

    /** The two apps, with what each must report about its own libraries. */
    enum OwnApp {
        SIMPLECLIENT("own-simpleclient-app", "dev.weft.smoke.app.simpleclient.Main",
                "HELLO SIMPLECLIENT!", "dev.weft.smoke.app.simpleclient.ShoutingGreeter",
                "byte-buddy-1.12.19.jar", "jar.io.prometheus.client.Counter", "simpleclient-0.16.0.jar"),
        CLIENT_JAVA("own-client-java-app", "dev.weft.smoke.app.clientjava.Main",
                "HELLO CLIENT_JAVA!", "dev.weft.smoke.app.clientjava.ShoutingGreeter",
                "byte-buddy-1.14.18.jar", "jar.io.prometheus.metrics.core.metrics.Counter", "prometheus-metrics-core-1.5.0.jar");

        final String module;
        final String mainClass;
        final String greeting;
        final String generatedClass;
        final String byteBuddyJar;
        final String prometheusKey;
        final String prometheusJar;

        OwnApp(String module, String mainClass, String greeting, String generatedClass, String byteBuddyJar,
               String prometheusKey, String prometheusJar) {
            this.module = module;
            this.mainClass = mainClass;
            this.greeting = greeting;
            this.generatedClass = generatedClass;
            this.byteBuddyJar = byteBuddyJar;
            this.prometheusKey = prometheusKey;
            this.prometheusJar = prometheusJar;
        }
    }

    /** Agent classes and relocated agent libraries: none may be loadable by the application. */
    static final String[] HIDDEN_CLASSES = {
        "dev.weft.agent.AgentStarter",
        "dev.weft.agent.metrics.Metrics",
        "dev.weft.shaded.io.prometheus.metrics.core.metrics.Counter",
        "dev.weft.shaded.io.prometheus.metrics.model.registry.PrometheusRegistry",
        "dev.weft.shaded.net.bytebuddy.jar.asm.ClassReader",
    };

    private final Map<OwnApp, AgentJvm> jvms = new EnumMap<>(OwnApp.class);
    private final Map<OwnApp, Integer> ports = new EnumMap<>(OwnApp.class);

    @BeforeAll
    void startApps() throws Exception {
        for (OwnApp app : OwnApp.values()) {
            int port = Ports.free();
            ports.put(app, port);
            jvms.put(app, AgentJvm.app(app.module, app.mainClass).arg(port).start());
        }
    }

    @AfterAll
    void stopApps() {
        for (AgentJvm jvm : jvms.values()) {
            jvm.close();
        }
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void appServesItsOwnMetricsAndNoneOfWefts(OwnApp app) throws Exception {
        Scrape own = appScrape(app);
        assertEquals(3.0, own.value("app_orders_total"), "the app's own counter");
        assertTrue(own.has("jvm_threads_current"), "the app's own JVM collectors:\n" + own.text());
        List<String> foreign = new ArrayList<>();
        for (Scrape.Sample s : own.samples()) {
            if (s.name.startsWith("weft_") || s.name.startsWith("http_server_") || s.name.startsWith("http_client_")) {
                foreign.add(s.toString());
            }
        }
        assertEquals(List.of(), foreign, "Weft's series on the app's own endpoint");
        assertNoDuplicateSeries(own, "the app's endpoint");
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void weftServesItsOwnMetricsAndNoneOfTheApps(OwnApp app) throws Exception {
        AgentJvm jvm = jvms.get(app);
        Scrape weft = jvm.scrape();
        assertEquals(1.0, weft.samples("weft_build_info").size(), "weft_build_info on Weft's endpoint:\n" + weft.text());
        assertTrue(weft.has("jvm_threads_current"), "Weft's own JVM collectors:\n" + weft.text());
        List<String> foreign = new ArrayList<>();
        for (Scrape.Sample s : weft.samples()) {
            if (s.name.startsWith("app_")) {
                foreign.add(s.toString());
            }
        }
        if (app == OwnApp.SIMPLECLIENT) {
            // simpleclient_hotspot's own name; client_java calls it jvm_runtime_info.
            assertFalse(weft.has("jvm_info"), "the app's simpleclient jvm_info on Weft's endpoint: " + weft.samples("jvm_info"));
        }
        assertEquals(List.of(), foreign, "the app's series on Weft's endpoint");
        assertNoDuplicateSeries(weft, "Weft's endpoint");
        List<String> weftLines = jvm.weftLines();
        assertEquals(1, weftLines.size(), "one weft: line: " + jvm.output());
        assertTrue(weftLines.get(0).contains("serving metrics on " + jvm.metricsUrl()), weftLines.get(0));
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void appCannotLoadAgentClasses(OwnApp app) throws Exception {
        Map<String, String> atStartup = report(jvms.get(app).stdout());
        Map<String, String> now = isolation(app);
        for (String name : HIDDEN_CLASSES) {
            assertEquals("ClassNotFoundException", atStartup.get("class." + name),
                    "Class.forName(\"" + name + "\") in the app's main, at startup");
            assertEquals("ClassNotFoundException", now.get("class." + name),
                    "Class.forName(\"" + name + "\") in the app, while it serves");
            String resource = "resource." + name.replace('.', '/') + ".class";
            assertEquals("(absent)", now.get(resource), "ClassLoader.getSystemResource of " + resource);
        }
        // The bootstrap facade is meant to be visible everywhere (DESIGN 2): check the report sees it,
        // so the ClassNotFoundExceptions above are not an artefact of a broken lookup.
        assertEquals("loaded by bootstrap", now.get("class.dev.weft.bootstrap.Weft"), "the bootstrap facade");
    }

    @ParameterizedTest
    @EnumSource(OwnApp.class)
    void appUsesItsOwnByteBuddyAndPrometheusClient(OwnApp app) throws Exception {
        Map<String, String> now = isolation(app);
        assertEquals(app.greeting, now.get("bytebuddy.result"), "a ByteBuddy subclass delegating to the app's interceptor");
        assertEquals(app.generatedClass, now.get("bytebuddy.class"), "the class the app's ByteBuddy made");
        assertEquals(app.byteBuddyJar, now.get("jar.net.bytebuddy.ByteBuddy"), "where the app's net.bytebuddy.ByteBuddy comes from");
        assertEquals(app.prometheusJar, now.get(app.prometheusKey), "where the app's Prometheus client comes from");
    }

    private Scrape appScrape(OwnApp app) throws IOException {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + ports.get(app) + "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return Scrape.of(response.body());
    }

    private Map<String, String> isolation(OwnApp app) throws IOException {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + ports.get(app) + "/isolation");
        assertEquals(200, response.statusCode(), response.body());
        return report(List.of(response.body().split("\n")));
    }

    /** The app's {@code key=value} report lines. */
    static Map<String, String> report(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("weft:")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** Two registries merged into one endpoint would show the same series twice. */
    static void assertNoDuplicateSeries(Scrape scrape, String where) {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Scrape.Sample s : scrape.samples()) {
            if (!seen.add(s.name + s.labels)) {
                twice.add(s.name + s.labels);
            }
        }
        assertEquals(List.of(), twice, "series served twice on " + where);
    }
}
