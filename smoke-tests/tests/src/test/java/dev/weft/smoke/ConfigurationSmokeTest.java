package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration as a user meets it: real JVMs with {@code -javaagent:} running embedded Tomcat,
 * configured through environment variables, system properties and agent arguments.
 *
 * <p>Whatever the configuration, the application must start and serve. A value that does not parse
 * is one {@code weft:} line naming the setting as the user spelled it, the value and what was
 * expected, and the agent stays off: "off" is checked on the JVM's own listening sockets (read from
 * /proc), so a stray endpoint on any port, not only the configured one, is caught.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationSmokeTest {

    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    private static final String DURATION_COUNT = "http_server_request_duration_seconds_count";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FAULTS_APP = "faults-app";
    private static final String FAULTS_MAIN = "dev.weft.smoke.app.faults.FaultsMain";
    /** What FaultsMain exits with after GET /exit. */
    private static final int EXIT_STATUS = 42;

    /** One JVM shared by the cases that configure only harmless typos (see {@link #typoJvm()}). */
    private AgentJvm typoJvm;
    private int typoAppPort;

    @AfterAll
    void stopSharedJvm() {
        if (typoJvm != null) {
            typoJvm.close();
        }
    }

    // ---- values that do not parse: one line, agent off, application serves ----

    @Test
    void badSystemPropertyIsNamedAsASystemProperty() throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = tomcat(appPort).jvmOption("-Dweft.max.series=0").withoutEndpoint().start()) {
            assertRejected(app, appPort, "weft.max.series", "\"0\"", "series count");
            assertFalse(Http.answers(healthUrl(app.metricsPort())), "endpoint on the configured WEFT_PORT");
        }
    }

    @Test
    void badAgentArgumentIsNamedAsAnAgentArgument() throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = tomcat(appPort).agentArgs("port=x").withoutEndpoint().start()) {
            assertRejected(app, appPort, "port", "agent argument", "\"x\"", "port number (0-65535)");
            assertFalse(Http.answers(healthUrl(app.metricsPort())), "endpoint on WEFT_PORT");
        }
    }

    // ---- the bad-configuration matrix: every setting, one bad value per row ----

    /** What the agent does after a row's bad value. */
    enum Outcome {
        /** The value does not parse: the agent is off, no port but the app's is open. */
        OFF,
        /** A harmless typo: warned about, the agent runs and serves metrics. */
        RUNS,
        /** The value parses but the endpoint cannot listen: the agent records nothing. */
        NO_ENDPOINT
    }

    /**
     * One row per fault: the variable, its bad value, what the agent then does, and fragments of the
     * one {@code weft:} line that must report it. A new setting (TLS files, credentials) is one row.
     */
    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("WEFT_ENABLED", "yes", Outcome.OFF, "WEFT_ENABLED=\"yes\"", "true or false"),
                bad("WEFT_HOST", "local host", Outcome.OFF, "WEFT_HOST=\"local host\"", "host name or IP address"),
                bad("WEFT_HOST", "192.0.2.1", Outcome.NO_ENDPOINT, "cannot serve metrics on 192.0.2.1:"),
                bad("WEFT_HOST", "no-such-host.invalid", Outcome.NO_ENDPOINT, "cannot serve metrics on no-such-host.invalid:"),
                bad("WEFT_PORT", "abc", Outcome.OFF, "WEFT_PORT=\"abc\"", "port number (0-65535)"),
                bad("WEFT_PORT", "65536", Outcome.OFF, "WEFT_PORT=\"65536\"", "port number (0-65535)"),
                bad("WEFT_PORT", "-1", Outcome.OFF, "WEFT_PORT=\"-1\"", "port number (0-65535)"),
                bad("WEFT_PORT", "", Outcome.OFF, "WEFT_PORT=\"\"", "port number (0-65535)"),
                bad("WEFT_METRICS_PATH", "metrics", Outcome.OFF, "WEFT_METRICS_PATH=\"metrics\"", "URL path starting with /"),
                bad("WEFT_INSTRUMENTATIONS_DISABLED", "servlet-jakrta", Outcome.RUNS, "\"servlet-jakrta\"", "not an instrumentation"),
                bad("WEFT_LOG_LEVEL", "loud", Outcome.OFF, "WEFT_LOG_LEVEL=\"loud\"", "log level"),
                bad("WEFT_MAX_SERIES", "lots", Outcome.OFF, "WEFT_MAX_SERIES=\"lots\"", "series count"),
                bad("WEFT_MAX_SERIES", "99999999999", Outcome.OFF, "WEFT_MAX_SERIES=\"99999999999\"", "series count"),
                bad("WEFT_DURATION_BUCKETS", "0.1,fast", Outcome.OFF, "WEFT_DURATION_BUCKETS=\"0.1,fast\"", "increasing positive numbers"),
                bad("WEFT_DURATION_BUCKETS", "1,0.5", Outcome.OFF, "WEFT_DURATION_BUCKETS=\"1,0.5\"", "increasing positive numbers"),
                bad("WEFT_SIZE_BUCKETS", "-64", Outcome.OFF, "WEFT_SIZE_BUCKETS=\"-64\"", "increasing positive numbers"),
                bad("WEFT_ROUTES", "/users/{id", Outcome.OFF, "WEFT_ROUTES=\"/users/{id\"", "route patterns", "{name}"),
                bad("WEFT_ROUTES", "users/{id}", Outcome.OFF, "WEFT_ROUTES=\"users/{id}\"", "must start with /"),
                bad("WEFT_AUTH_USER", "weft", Outcome.OFF, "WEFT_AUTH_USER is set but neither", "WEFT_AUTH_PASSWORD"),
                bad("WEFT_AUTH_PASSWORD_FILE", "/no/such/password", Outcome.OFF, "WEFT_AUTH_PASSWORD_FILE is set but"),
                bad("WEFT_TLS_KEYSTORE", "/no/such/keystore.p12", Outcome.OFF, "WEFT_TLS_KEYSTORE is set but neither"),
                bad("WEFT_TLS_KEYSTORE_TYPE", "PEM", Outcome.OFF, "WEFT_TLS_KEYSTORE_TYPE is set but WEFT_TLS_KEYSTORE is not"),
                bad("WEFT_TLS_TRUSTSTORE", "/no/such/truststore.p12", Outcome.OFF, "WEFT_TLS_TRUSTSTORE is set but"),
                bad("WEFT_PROT", "9464", Outcome.RUNS, "WEFT_PROT is not a Weft setting", "did you mean WEFT_PORT"));
    }

    private static Arguments bad(String variable, String value, Outcome outcome, String... lineFragments) {
        return Arguments.of(variable, value, outcome, Arrays.asList(lineFragments));
    }

    /**
     * The application starts, serves, and exits with its own status (42, from GET /exit) whatever the
     * bad value; stderr has exactly one {@code weft:} line about it (besides the start-up line when the
     * agent runs).
     */
    @ParameterizedTest(name = "{0}=\"{1}\" -> {2}")
    @MethodSource("badValues")
    void badValueIsOneLineAndTheApplicationIsUnaffected(String variable, String value, Outcome outcome,
                                                        List<String> fragments) throws Exception {
        int appPort = Ports.free();
        AgentJvm.Builder builder = AgentJvm.app(FAULTS_APP, FAULTS_MAIN).arg(appPort).env(variable, value).withoutEndpoint();
        if (!variable.equals("WEFT_PORT")) {
            builder.env("WEFT_PORT", String.valueOf(Ports.free()));
        }
        try (AgentJvm app = builder.start()) {
            var hello = Http.get("http://127.0.0.1:" + appPort + "/hello");
            assertEquals(200, hello.statusCode(), app.output());
            assertEquals("hello\n", hello.body());
            List<String> problems = awaitProblemLines(app, outcome);
            assertEquals(1, problems.size(), "one weft: line for " + variable + "=\"" + value + "\":\n" + app.output());
            for (String fragment : fragments) {
                assertTrue(problems.get(0).contains(fragment), "the line says " + fragment + ": " + problems.get(0));
            }
            switch (outcome) {
                case OFF:
                    assertTrue(problems.get(0).contains("the agent is disabled"), problems.get(0));
                    assertEquals(set(appPort), listeningPorts(app.pid()), "only the app listens\n" + app.output());
                    break;
                case NO_ENDPOINT:
                    assertEquals(set(appPort), listeningPorts(app.pid()), "only the app listens\n" + app.output());
                    break;
                default:
                    assertTrue(Scrape.of(Http.get(app.metricsUrl()).body()).has("weft_build_info"), app.output());
            }
            assertEquals("bye\n", Http.get("http://127.0.0.1:" + appPort + "/exit").body());
            assertEquals(EXIT_STATUS, app.awaitExit(WAIT), "the application's own exit status\n" + app.output());
        }
    }

    /** The weft: lines other than the start-up line, once the agent has settled (endpoint up or failed). */
    private static List<String> awaitProblemLines(AgentJvm app, Outcome outcome) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean settled = outcome == Outcome.OFF
                    || (outcome == Outcome.RUNS && Http.answers(app.metricsUrl()))
                    || (outcome == Outcome.NO_ENDPOINT && app.weftLines().stream().anyMatch(l -> l.contains("cannot serve")));
            if (settled) {
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(200); // a late second line would be caught here
        List<String> problems = new ArrayList<>();
        for (String line : app.weftLines()) {
            if (!line.contains("serving metrics on")) {
                problems.add(line);
            }
        }
        return problems;
    }

    // ---- disabled means disabled ----

    /**
     * WEFT_ENABLED=false: the JVM's class-load log (-Xlog:class+load, class+init) shows that no
     * class of the weaving's ASM (shaded with ByteBuddy) was ever loaded (no transformer exists, so no class can have been transformed)
     * and that {@code dev.weft.bootstrap.Weft}, which every woven servlet calls per request, was never
     * initialised (it is defined in the boot loader at premain either way); only
     * the app's port listens and the configured WEFT_PORT can be bound. The same run enabled is the
     * control: it loads both and reports woven classes, so the check can fail.
     */
    @Test
    void disabledTransformsNoClassAndOpensNoPort() throws Exception {
        int appPort = Ports.free();
        int metricsPort = Ports.free();
        Path classLog = Files.createTempFile("weft-disabled", ".log");
        try (AgentJvm app = AgentJvm.app(FAULTS_APP, FAULTS_MAIN).arg(appPort).env("WEFT_ENABLED", "false")
                .env("WEFT_PORT", String.valueOf(metricsPort)).env("WEFT_LOG_LEVEL", "debug")
                .jvmOption("-Xlog:class+load=info,class+init=info:file=" + classLog).withoutEndpoint().start()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("hello\n", Http.get("http://127.0.0.1:" + appPort + "/hello").body());
                assertEquals("route " + i + "\n", Http.get("http://127.0.0.1:" + appPort + "/r" + i).body());
            }
            String loaded = new String(Files.readAllBytes(classLog), StandardCharsets.UTF_8);
            assertTrue(loaded.contains(" jakarta.servlet.http.HttpServlet "), "the log lists loaded classes");
            assertFalse(loaded.contains(" dev.weft.shaded.net.bytebuddy."), "ASM was loaded");
            assertFalse(loaded.contains("Initializing 'dev/weft/bootstrap/Weft'"), "woven code called Weft");
            assertFalse(loaded.contains(" dev.weft.agent.instrument."), "the instrumenter was loaded");
            assertEquals(set(appPort), listeningPorts(app.pid()), "only the app listens\n" + app.output());
            assertFalse(Http.answers(healthUrl(metricsPort)), "endpoint on WEFT_PORT");
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), metricsPort));
            }
            assertEquals(List.of("weft: disabled by configuration (WEFT_ENABLED=false)"), app.weftLines());
        } finally {
            Files.deleteIfExists(classLog);
        }
        // the control: the same JVM with the agent enabled
        try (AgentJvm app = AgentJvm.app(FAULTS_APP, FAULTS_MAIN).arg(appPort)
                .jvmOption("-Xlog:class+load=info,class+init=info:file=" + classLog).start()) {
            assertEquals("hello\n", Http.get("http://127.0.0.1:" + appPort + "/hello").body());
            String loaded = new String(Files.readAllBytes(classLog), StandardCharsets.UTF_8);
            assertTrue(loaded.contains(" dev.weft.shaded.net.bytebuddy."), "control: ASM loaded");
            assertTrue(loaded.contains("Initializing 'dev/weft/bootstrap/Weft'"), "control: woven code calls Weft");
            assertTrue(app.scrape().value("weft_instrumented_classes_total") > 0, "control: classes were woven");
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    // ---- precedence: agent argument, then system property, then environment ----

    @Test
    void agentArgumentBeatsSystemPropertyBeatsEnvironment() throws Exception {
        int appPort = Ports.free();
        int[] p = distinctFreePorts(3, appPort);
        try (AgentJvm app = tomcat(appPort).env("WEFT_PORT", String.valueOf(p[0]))
                .jvmOption("-Dweft.port=" + p[1]).agentArgs("port=" + p[2]).withoutEndpoint().start()) {
            awaitAnswer(app, healthUrl(p[2]));
            assertServesHello(app, appPort);
            assertFalse(Http.answers(healthUrl(p[0])), "endpoint on the env WEFT_PORT " + p[0] + "\n" + app.output());
            assertFalse(Http.answers(healthUrl(p[1])), "endpoint on -Dweft.port " + p[1] + "\n" + app.output());
            assertEquals(set(appPort, p[2]), listeningPorts(app, appPort), app.output());
            assertTrue(Scrape.of(Http.get(metricsUrl(p[2], "/metrics")).body()).has("weft_build_info"));
        }
    }

    @Test
    void systemPropertyBeatsEnvironment() throws Exception {
        int appPort = Ports.free();
        int[] p = distinctFreePorts(2, appPort);
        try (AgentJvm app = tomcat(appPort).env("WEFT_PORT", String.valueOf(p[0]))
                .jvmOption("-Dweft.port=" + p[1]).withoutEndpoint().start()) {
            awaitAnswer(app, healthUrl(p[1]));
            assertServesHello(app, appPort);
            assertFalse(Http.answers(healthUrl(p[0])), "endpoint on the env WEFT_PORT " + p[0] + "\n" + app.output());
            assertEquals(set(appPort, p[1]), listeningPorts(app, appPort), app.output());
        }
    }

    // ---- switched off, or partly off ----

    @Test
    void enabledFalseMeansNoEndpointAndNoError() throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = tomcat(appPort).env("WEFT_ENABLED", "false").withoutEndpoint().start()) {
            assertServesHello(app, appPort);
            assertEquals(set(appPort), listeningPorts(app, appPort), "the JVM listens only on the app port\n" + app.output());
            assertFalse(Http.answers(healthUrl(app.metricsPort())), "endpoint on WEFT_PORT\n" + app.output());
            List<String> weft = app.weftLines();
            assertTrue(weft.size() <= 1, "at most the one line saying it is disabled: " + weft);
            for (String line : weft) {
                assertTrue(line.contains("disabled by configuration"), "not an error, only the notice: " + line);
            }
        }
    }

    @Test
    void disabledInstrumentationRecordsNoRequestsButJvmMetricsRemain() throws Exception {
        int appPort = Ports.free();
        // tomcat too: alone, it would record each request at Tomcat's connector, with Tomcat's mapping as the route
        try (AgentJvm app = tomcat(appPort).env("WEFT_INSTRUMENTATIONS_DISABLED", "servlet-jakarta,tomcat").start()) {
            for (int i = 0; i < 3; i++) {
                assertServesHello(app, appPort);
            }
            Scrape scrape = app.scrape();
            assertTrue(scrape.has("jvm_memory_used_bytes"), "JVM metrics still served:\n" + scrape.text());
            assertTrue(scrape.has("weft_build_info"), scrape.text());
            assertFalse(scrape.has(DURATION_COUNT), "servlet-jakarta and tomcat are disabled, yet: " + scrape.samples(DURATION_COUNT));
            for (String line : app.weftLines()) {
                assertFalse((line.contains("servlet-jakarta") || line.contains("tomcat,")) && line.contains("serving metrics"),
                        "the start-up line lists a disabled instrumentation as installed: " + line);
                assertFalse(line.contains("not an instrumentation"), "a correct name was warned about: " + line);
            }
        }
    }

    // ---- typos: warned about, ignored; one JVM serves these three cases ----

    @Test
    void misspeltInstrumentationIsWarnedAboutAndNothingIsDisabled() throws Exception {
        AgentJvm app = typoJvm();
        assertOneLine(app, "servlet-jakrta", "servlet-jakrta");
        for (int i = 0; i < 2; i++) {
            assertServesHello(app, typoAppPort);
        }
        Scrape scrape = Scrape.of(Http.get(metricsUrl(app.metricsPort(), "/custom")).body());
        assertFalse(scrape.samplesWith(DURATION_COUNT, "http_route", "/hello").isEmpty(),
                "servlet-jakarta still records requests:\n" + scrape.text());
    }

    @Test
    void unknownVariableIsWarnedAboutWithTheLikelyName() throws Exception {
        AgentJvm app = typoJvm();
        String line = assertOneLine(app, "WEFT_PROT", "WEFT_PROT");
        assertTrue(line.contains("WEFT_PORT"), "suggests WEFT_PORT: " + line);
        assertTrue(Http.answers(healthUrl(app.metricsPort())), "the agent still runs\n" + app.output());
    }

    @Test
    void metricsPathIsConfigurable() throws Exception {
        AgentJvm app = typoJvm();
        var response = Http.get(metricsUrl(app.metricsPort(), "/custom"));
        assertEquals(200, response.statusCode());
        assertTrue(Scrape.of(response.body()).has("weft_build_info"), response.body());
        String started = assertOneLine(app, "serving metrics", "serving metrics");
        assertTrue(started.contains("/custom"), "the start-up line names the path: " + started);
    }

    // ---- the port is taken ----

    @Test
    void busyPortIsReportedAndTheApplicationServes() throws Exception {
        int appPort = Ports.free();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int busy = taken.getLocalPort();
            try (AgentJvm app = tomcat(appPort).env("WEFT_PORT", String.valueOf(busy)).withoutEndpoint().start()) {
                assertServesHello(app, appPort);
                List<String> weft = app.weftLines();
                assertEquals(1, weft.size(), "one weft: line:\n" + app.output());
                assertTrue(weft.get(0).contains(String.valueOf(busy)), "names the port: " + weft.get(0));
                assertTrue(weft.get(0).contains("in use"), "says it is in use: " + weft.get(0));
                assertEquals(set(appPort), listeningPorts(app, appPort), app.output());
            }
        }
    }

    /**
     * JAVA_TOOL_OPTIONS carries the agent and WEFT_PORT into a second application JVM (a helper
     * process in the same container): the first keeps the port and its own counts, the second serves
     * normally, says once that the port is in use, and opens no port of its own.
     */
    @Test
    void secondJvmWithTheSameJavaToolOptionsLeavesThePortToTheFirst() throws Exception {
        int metricsPort = Ports.free();
        int firstPort = Ports.free();
        int secondPort = Ports.free();
        String toolOptions = "-javaagent:" + AgentJvm.agentJar();
        try (AgentJvm first = AgentJvm.app(FAULTS_APP, FAULTS_MAIN).arg(firstPort).withoutAgent()
                .env("JAVA_TOOL_OPTIONS", toolOptions).env("WEFT_PORT", String.valueOf(metricsPort)).start()) {
            first.awaitEndpoint();
            try (AgentJvm second = AgentJvm.app(FAULTS_APP, FAULTS_MAIN).arg(secondPort).withoutAgent()
                    .env("JAVA_TOOL_OPTIONS", toolOptions).env("WEFT_PORT", String.valueOf(metricsPort)).start()) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("hello\n", Http.get("http://127.0.0.1:" + firstPort + "/hello").body());
                }
                for (int i = 0; i < 5; i++) {
                    assertEquals("hello\n", Http.get("http://127.0.0.1:" + secondPort + "/hello").body());
                }
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (second.weftLines().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(200);
                List<String> weft = second.weftLines();
                assertEquals(1, weft.size(), "one weft: line in the second JVM:\n" + second.output());
                assertTrue(weft.get(0).contains(metricsPort + " (") && weft.get(0).contains("in use"), weft.get(0));
                assertEquals(set(secondPort), listeningPorts(second.pid()), second.output());
                String[] hello = {"http_request_method", "GET", "http_route", "/hello",
                        "http_response_status_code", "200", "error_type", ""};
                Scrape scrape = first.scrape();
                for (int i = 0; i < 100 && scrape.samplesWith(DURATION_COUNT, hello).isEmpty(); i++) {
                    Thread.sleep(50);
                    scrape = first.scrape();
                }
                assertEquals(3.0, scrape.value(DURATION_COUNT, hello), "the port serves the first JVM's counts");
            }
            assertEquals("hello\n", Http.get("http://127.0.0.1:" + firstPort + "/hello").body());
        }
    }

    // ---- JAVA_TOOL_OPTIONS: the agent rides into JDK tools and must stay silent and off there ----

    @Test
    void jcmdWithTheAgentInJavaToolOptionsIsSilentAndTakesNoPort() throws Exception {
        assertJdkToolSilentAndOff("jcmd", "-l");
    }

    /**
     * Not only jcmd: every JDK tool a container's JAVA_TOOL_OPTIONS reaches (design, section 6).
     * These tools' main classes are module-qualified in {@code sun.java.command}
     * (e.g. {@code jdk.compiler/com.sun.tools.javac.Main}).
     */
    @Test
    void otherJdkToolsWithTheAgentInJavaToolOptionsAreSilentAndTakeNoPort() throws Exception {
        assertAll(
                () -> assertJdkToolSilentAndOff("jps", "-l"),
                () -> assertJdkToolSilentAndOff("javac", "-version"),
                () -> assertJdkToolSilentAndOff("keytool", "-help"));
    }

    private static void assertJdkToolSilentAndOff(String tool, String... args) throws Exception {
        Path jdk = Paths.get(AgentJvm.java()).toAbsolutePath().getParent().getParent();
        Path executable = jdk.resolve("bin").resolve(tool);
        assertTrue(Files.isExecutable(executable), executable + " is missing");
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("WEFT_"));
        env.put("JAVA_TOOL_OPTIONS", "-javaagent:" + AgentJvm.agentJar());
        env.put("WEFT_PORT", String.valueOf(port));
        env.put("WEFT_HOST", "127.0.0.1");
        Process process = builder.start();
        CompletableFuture<String> output = readAll(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(command + " with the agent in JAVA_TOOL_OPTIONS did not exit within 60 s:\n" + output.getNow(""));
        }
        String out = output.get(10, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), command + " failed:\n" + out);
        assertTrue(out.contains("Picked up JAVA_TOOL_OPTIONS"), "the agent was really in JAVA_TOOL_OPTIONS:\n" + out);
        for (String line : out.split("\n")) {
            assertFalse(line.startsWith("weft:"), command + " printed a weft: line: " + line + "\n" + out);
        }
        assertFalse(Http.answers(healthUrl(port)), "something answers on WEFT_PORT " + port + " after " + command);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            fail("WEFT_PORT " + port + " is still taken after " + command + ": " + e);
        }
    }

    // ---- helpers ----

    private static AgentJvm.Builder tomcat(int appPort) {
        return AgentJvm.app(APP, MAIN).arg(appPort);
    }

    /** Typos only: an unknown variable and a misspelt instrumentation, plus a custom metrics path. */
    private synchronized AgentJvm typoJvm() throws Exception {
        if (typoJvm == null) {
            typoAppPort = Ports.free();
            typoJvm = tomcat(typoAppPort)
                    .env("WEFT_PROT", "1")
                    .env("WEFT_INSTRUMENTATIONS_DISABLED", "servlet-jakrta")
                    .env("WEFT_METRICS_PATH", "/custom")
                    .withoutEndpoint()
                    .start();
            awaitAnswer(typoJvm, metricsUrl(typoJvm.metricsPort(), "/custom"));
        }
        return typoJvm;
    }

    /** The one weft: line, agent off (only the app port listens), application serving. */
    private static void assertRejected(AgentJvm app, int appPort, String... mustContain) throws Exception {
        assertServesHello(app, appPort);
        List<String> weft = app.weftLines();
        assertEquals(1, weft.size(), "exactly one weft: line:\n" + app.output());
        String line = weft.get(0);
        for (String part : mustContain) {
            assertTrue(line.contains(part), "the line names " + part + ": " + line);
        }
        assertTrue(line.contains("disabled"), "the line says the agent is disabled: " + line);
        assertEquals(set(appPort), listeningPorts(app, appPort), "the JVM listens only on the app port\n" + app.output());
    }

    /** The only weft: line containing {@code marker}; it must also contain {@code part}. */
    private static String assertOneLine(AgentJvm app, String marker, String part) {
        List<String> found = new ArrayList<>();
        for (String line : app.weftLines()) {
            if (line.contains(marker)) {
                found.add(line);
            }
        }
        assertEquals(1, found.size(), "one weft: line about " + marker + ":\n" + app.output());
        assertTrue(found.get(0).contains(part), found.get(0));
        return found.get(0);
    }

    private static void assertServesHello(AgentJvm app, int appPort) throws IOException {
        var response = Http.get("http://127.0.0.1:" + appPort + "/hello");
        assertEquals(200, response.statusCode(), "GET /hello\n" + app.output());
    }

    private static void awaitAnswer(AgentJvm app, String url) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Http.answers(url)) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                fail("nothing answers at " + url + "\n" + app.output());
            }
            Thread.sleep(50);
        }
    }

    private static String healthUrl(int port) {
        return "http://127.0.0.1:" + port + "/-/healthy";
    }

    private static String metricsUrl(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int[] distinctFreePorts(int n, int... avoid) throws IOException {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int a : avoid) {
            chosen.add(a);
        }
        int[] ports = new int[n];
        for (int i = 0; i < n; ) {
            int p = Ports.free();
            if (chosen.add(p)) {
                ports[i++] = p;
            }
        }
        return ports;
    }

    private static Set<Integer> set(int... ports) {
        Set<Integer> s = new TreeSet<>();
        for (int p : ports) {
            s.add(p);
        }
        return s;
    }

    /**
     * The TCP ports the app's JVM listens on: its socket inodes from /proc/PID/fd matched against the
     * LISTEN entries of /proc/net/tcp and tcp6. The JVM is found among this JVM's children by its
     * main class and app port.
     */
    private static Set<Integer> listeningPorts(AgentJvm app, int appPort) throws IOException {
        long pid = -1;
        for (ProcessHandle child : (Iterable<ProcessHandle>) ProcessHandle.current().children()::iterator) {
            Optional<String[]> arguments = child.info().arguments();
            if (arguments.isPresent()) {
                List<String> list = Arrays.asList(arguments.get());
                if (list.contains(MAIN) && list.contains(String.valueOf(appPort))) {
                    pid = child.pid();
                }
            }
        }
        assertTrue(pid > 0, "cannot find the app's JVM among " + ProcessHandle.current().children().count()
                + " children\n" + app.output());
        return listeningPorts(pid);
    }

    /** The TCP ports the JVM with this process id listens on (see above). */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd that went away while listing
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Paths.get(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("(output unreadable: " + e + ")");
            }
        }, "jdk-tool-output");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
