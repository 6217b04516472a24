package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic auth on the endpoint, in a real JVM with {@code -javaagent:} running embedded Tomcat, driven
 * by {@link HttpClient}: the metrics path and the live page need the configured user and password, the
 * health path stays open for probes, an unknown path is a 404 that names nothing, and a half or broken auth
 * configuration is one {@code weft:} line with the agent off and the application serving. No
 * password ever appears in the JVM's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecuritySmokeTest {

    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    private static final String USER = "prometheus";
    private static final String PASSWORD = "fIle-Secret-93";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    /** Password from WEFT_AUTH_PASSWORD_FILE. */
    private AgentJvm app;
    private int appPort;

    @BeforeAll
    void start() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app(APP, MAIN).arg(appPort)
                .env("WEFT_AUTH_USER", USER)
                .env("WEFT_AUTH_PASSWORD_FILE", Keystores.passwordFile(dir, "password", PASSWORD).toString())
                .start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String endpoint(AgentJvm jvm, String path) {
        return "http://127.0.0.1:" + jvm.metricsPort() + path;
    }

    private static HttpResponse<String> get(String url, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noCredentialsIs401WithABasicChallenge() throws Exception {
        HttpResponse<String> response = get(app.metricsUrl(), null, null);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Basic realm=\"weft\", charset=\"UTF-8\"",
                response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertFalse(response.body().contains("weft_build_info"), response.body());
    }

    @Test
    void wrongCredentialsAre401() throws Exception {
        assertEquals(401, get(app.metricsUrl(), USER, "fIle-Secret-9").statusCode(), "a prefix of the password");
        assertEquals(401, get(app.metricsUrl(), USER, PASSWORD + "\n").statusCode(), "with the file's newline");
        assertEquals(401, get(app.metricsUrl(), "admin", PASSWORD).statusCode(), "another user");
        assertEquals(401, get(app.metricsUrl(), USER, "").statusCode(), "empty password");
    }

    @Test
    void thePasswordFromTheFileScrapesWithTheAppsRequests() throws Exception {
        assertEquals(200, Http.get("http://127.0.0.1:" + appPort + "/hello").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Scrape scrape;
        do {
            HttpResponse<String> response = get(app.metricsUrl(), USER, PASSWORD);
            assertEquals(200, response.statusCode(), response.body());
            scrape = Scrape.of(response.body());
        } while (scrape.samplesWith("http_server_request_duration_seconds_count", "http_route", "/hello").isEmpty()
                && System.nanoTime() < deadline);
        assertTrue(scrape.has("weft_build_info"), scrape.text());
        assertFalse(scrape.samplesWith("http_server_request_duration_seconds_count", "http_route", "/hello").isEmpty(),
                "the app's request is recorded:\n" + scrape.text());
    }

    @Test
    void healthStaysOpenForProbes() throws Exception {
        HttpResponse<String> response = get(endpoint(app, "/-/healthy"), null, null);
        assertEquals(200, response.statusCode());
        assertEquals("Weft is healthy.\n", response.body());
    }

    @Test
    void unknownPathsAre404WithOrWithoutCredentialsAndNameNothing() throws Exception {
        for (String path : new String[] {"/admin", "/metrics/", "/metricsx", "/index.html"}) {
            for (String user : new String[] {null, USER}) {
                HttpResponse<String> response = get(endpoint(app, path), user, PASSWORD);
                assertEquals(404, response.statusCode(), path + " as " + user);
                assertEquals("Not found.\n", response.body(), path);
                assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent(), path);
            }
        }
    }

    @Test
    void theLivePageNeedsTheSameCredentials() throws Exception {
        for (String path : new String[] {"/", "/?refresh=off"}) {
            HttpResponse<String> refused = get(endpoint(app, path), null, null);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("Basic realm=\"weft\", charset=\"UTF-8\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            assertFalse(refused.body().contains("<html"), refused.body());
            assertEquals(401, get(endpoint(app, path), USER, "fIle-Secret-9").statusCode(), path);
        }
        HttpResponse<String> page = get(endpoint(app, "/"), USER, PASSWORD);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.body().contains("id=\"health\""), page.body());
    }

    @Test
    void startupLineSaysBasicAuthAndNoPasswordIsPrinted() {
        String started = app.weftLines().stream().filter(l -> l.contains("serving metrics")).findFirst().orElse("");
        assertTrue(started.contains("with basic auth"), app.output());
        assertFalse(app.output().contains(PASSWORD), app.output());
    }

    @Test
    void passwordFromTheEnvironmentAndAgentArgumentsWork() throws Exception {
        int port = Ports.free();
        try (AgentJvm env = AgentJvm.app(APP, MAIN).arg(port)
                .env("WEFT_AUTH_USER", "ops").env("WEFT_AUTH_PASSWORD", "env-Secret-1").start()) {
            assertEquals(200, get(env.metricsUrl(), "ops", "env-Secret-1").statusCode());
            assertEquals(401, get(env.metricsUrl(), "ops", "env-Secret-2").statusCode());
            assertFalse(env.output().contains("env-Secret-1"), env.output());
        }
        port = Ports.free();
        try (AgentJvm args = AgentJvm.app(APP, MAIN).arg(port)
                .agentArgs("auth.user=ops,auth.password=arg-Secret-1").start()) {
            assertEquals(200, get(args.metricsUrl(), "ops", "arg-Secret-1").statusCode());
            assertEquals(401, get(args.metricsUrl(), null, null).statusCode());
        }
    }

    // ---- half or broken configuration: one line, agent off, application serves ----

    @Test
    void userWithoutPasswordKeepsTheAgentOff() throws Exception {
        assertRejected(AgentJvm.app(APP, MAIN).env("WEFT_AUTH_USER", USER), null,
                "WEFT_AUTH_USER is set but neither WEFT_AUTH_PASSWORD nor WEFT_AUTH_PASSWORD_FILE is");
    }

    @Test
    void passwordWithoutUserKeepsTheAgentOff() throws Exception {
        assertRejected(AgentJvm.app(APP, MAIN).jvmOption("-Dweft.auth.password=lonely-Secret-7"), "lonely-Secret-7",
                "weft.auth.password is set but weft.auth.user is not");
    }

    @Test
    void unreadablePasswordFileKeepsTheAgentOff() throws Exception {
        Path missing = dir.resolve("no-such-password");
        assertRejected(AgentJvm.app(APP, MAIN).env("WEFT_AUTH_USER", USER)
                        .env("WEFT_AUTH_PASSWORD_FILE", missing.toString()), null,
                "WEFT_AUTH_PASSWORD_FILE=\"" + missing + "\" cannot be read (NoSuchFileException)");
    }

    /** Starts the JVM, expects exactly one weft: line containing {@code expected}, no endpoint, the app serving. */
    static void assertRejected(AgentJvm.Builder builder, String secret, String expected) throws Exception {
        int port = Ports.free();
        try (AgentJvm jvm = builder.arg(port).withoutEndpoint().start()) {
            assertEquals(200, Http.get("http://127.0.0.1:" + port + "/hello").statusCode(), jvm.output());
            List<String> lines = jvm.weftLines();
            assertEquals(1, lines.size(), "one weft: line:\n" + jvm.output());
            assertTrue(lines.get(0).contains(expected), lines.get(0));
            assertTrue(lines.get(0).endsWith("; the agent is disabled and the application runs without it"), lines.get(0));
            assertFalse(Http.answers("http://127.0.0.1:" + jvm.metricsPort() + "/-/healthy"), "the endpoint is off");
            if (secret != null) {
                assertFalse(jvm.output().contains(secret), "the secret is printed:\n" + jvm.output());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
