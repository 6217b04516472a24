package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar weft-agent.jar}: usage, {@code check}, {@code list}, and {@code attach} into a
 * running Tomcat and a running Spring Boot application while four clients keep them busy. After the
 * attach: the requests that follow are counted exactly, no request is half-timed (the in-flight
 * gauge returns to 0, no advice error), and a second attach says the agent is there already and
 * starts nothing.
 */
class AttachCommandSmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";

    /** Runs the agent jar's command with the test's JDK (the tests' own, which has jdk.attach). */
    static Result command(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(AgentJvm.agentJar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("WEFT_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command did not end: " + out);
        return new Result(p.exitValue(), out);
    }

    record Result(int code, String out) {}

    @Test
    void aloneItPrintsUsageAndCheckValidatesTheEnvironment() throws Exception {
        Result usage = command(Map.of());
        assertEquals(0, usage.code, usage.out);
        assertTrue(usage.out.contains("java -jar weft-agent.jar attach <pid> [setting=value,...]"), usage.out);
        assertTrue(usage.out.contains("java -jar weft-agent.jar list"), usage.out);

        Result bad = command(Map.of("WEFT_PORT", "abc"), "check");
        assertEquals(1, bad.code, bad.out);
        assertEquals("weft: WEFT_PORT=\"abc\" is not a port number (0-65535); the agent would be disabled\n", bad.out);

        Result good = command(Map.of("WEFT_PORT", "12345", "WEFT_AUTH_USER", "ops", "WEFT_AUTH_PASSWORD", "s3cret",
                "WEFT_INSTRUMENTATIONS_DISABLED", "okhttp-3"), "check", "metrics.path=/m");
        assertEquals(0, good.code, good.out);
        assertTrue(good.out.matches("(?s).*WEFT_PORT +=\\s+12345 +\\(WEFT_PORT\\).*"), good.out);
        assertTrue(good.out.matches("(?s).*WEFT_METRICS_PATH +=\\s+/m +\\(metrics\\.path \\(agent argument\\)\\).*"), good.out);
        assertTrue(good.out.matches("(?s).*WEFT_HOST +=\\s+0\\.0\\.0\\.0 +\\(default\\).*"), good.out);
        assertTrue(!good.out.contains("s3cret"), "a password is never printed: " + good.out);
        assertTrue(good.out.contains("Disabled: okhttp-3"), good.out);
        assertTrue(good.out.matches("(?s).*Instrumentations: class-loaders, servlet-javax, servlet-jakarta, .*"), good.out);
        assertTrue(good.out.contains("The agent would serve metrics on 0.0.0.0:12345/m."), good.out);

        Result unknown = command(Map.of(), "frobnicate");
        assertEquals(2, unknown.code, unknown.out);
        assertTrue(unknown.out.startsWith("weft: unknown command \"frobnicate\""), unknown.out);
    }

    @ParameterizedTest
    @CsvSource({
        "servlet-jakarta-app, dev.weft.smoke.app.jakarta.TomcatMain, /hello, /hello",
        "spring-boot-app, dev.weft.smoke.app.spring.PetClinicApp, /owners/7, /owners/{ownerId}",
    })
    void attachedUnderLoadItCountsTheRequestsThatFollowExactly(String appModule, String main, String path, String route)
            throws Exception {
        int appPort = Ports.free();
        int metricsPort = Ports.free();
        try (AgentJvm app = AgentJvm.app(appModule, main).arg(appPort).withoutAgent().start()) {
            String url = "http://127.0.0.1:" + appPort + path;
            assertEquals(200, Http.get(url).statusCode(), "served before the agent is there");
            Result before = command(Map.of(), "list");
            assertTrue(before.out.matches("(?s).*\\n" + app.pid() + " +- .*"), before.out);

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> load = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int c = 0; c < 4; c++) {
                load.add(clients.submit(() -> {
                    while (loading.get()) {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        assertEquals(200, r.statusCode());
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(500);
            Result attach = command(Map.of(), "attach", String.valueOf(app.pid()), "host=127.0.0.1,port=" + metricsPort);
            assertEquals(0, attach.code, attach.out + app.output());
            assertEquals("weft: attached to JVM " + app.pid() + "; metrics on http://127.0.0.1:" + metricsPort
                    + "/metrics\n", attach.out);
            Thread.sleep(500); // load goes on through the woven classes
            loading.set(false);
            for (Future<?> f : load) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            String metrics = "http://127.0.0.1:" + metricsPort + "/metrics";
            Scrape atAttach = Scrape.of(Http.get(metrics).body());
            double counted = atAttach.value(COUNT, labels(route));
            assertTrue(counted > 0 && counted <= sent.get(), counted + " counted of " + sent.get() + " sent under load");
            for (int i = 0; i < 50; i++) {
                assertEquals(200, Http.get(url).statusCode());
            }
            Scrape after = Scrape.of(Http.get(metrics).body());
            for (int i = 0; i < 100 && after.value(COUNT, labels(route)) < counted + 50; i++) {
                Thread.sleep(50);
                after = Scrape.of(Http.get(metrics).body());
            }
            assertEquals(counted + 50, after.value(COUNT, labels(route)), "each request after the attach once");
            assertEquals(0.0, after.value("http_server_active_requests", "http_request_method", "GET"),
                    "no request started unwoven and ended woven, nor the reverse");
            assertEquals(0.0, after.value("weft_advice_errors_total"));

            Result again = command(Map.of(), "attach", String.valueOf(app.pid()));
            assertEquals(0, again.code, again.out);
            assertTrue(again.out.startsWith("weft: JVM " + app.pid() + " runs Weft already"), again.out);
            assertTrue(again.out.contains("metrics on http://127.0.0.1:" + metricsPort + "/metrics"), again.out);
            Result listed = command(Map.of(), "list");
            assertTrue(listed.out.matches("(?s).*\\n" + app.pid() + " +http://127\\.0\\.0\\.1:" + metricsPort + "/metrics .*"),
                    listed.out);
            List<String> weft = app.weftLines();
            assertEquals(1, weft.size(), "one start line, no second agent: " + app.output());
            System.out.printf("attach under load (%s, %s): %d requests during the run, %.0f counted from the attach on;"
                    + " 50 after it, all counted%n", main, AgentJvm.java(), sent.get(), counted);
        }
    }

    private static String[] labels(String route) {
        return new String[] {"http_request_method", "GET", "http_route", route, "http_response_status_code", "200",
                "error_type", ""};
    }
}
