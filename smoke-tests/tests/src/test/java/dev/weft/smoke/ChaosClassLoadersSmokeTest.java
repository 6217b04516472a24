package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.client.Downstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Apache HttpClient 4 loaded by three hostile class loaders of the app's own (chaos-loaders-app): one
 * that refuses every {@code dev.weft} name where the JVM asks for classes, one that throws an
 * unchecked exception for every name it does not know, and a child-first one whose jars include the
 * agent jar. Whatever the agent can or cannot do with them, every answer equals a run without it;
 * the scrape records exactly the calls of the loaders the agent made see its bootstrap classes and
 * counts the refused ones, by reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosClassLoadersSmokeTest {

    private static final String[] LOADERS = {"refusing", "throwing", "child-first"};
    private static final int CALLS = 3;

    private Downstream downstream;
    private List<String> unwoven;

    @BeforeAll
    void runWithoutTheAgent() throws Exception {
        downstream = Downstream.start();
        int port = Ports.free();
        try (AgentJvm app = app(port).withoutAgent().start()) {
            unwoven = drive(app, port);
        }
        for (String answer : unwoven) {
            assertTrue(answer.startsWith("200 200 any"), "the app itself works without the agent: " + unwoven);
        }
    }

    @AfterAll
    void stopDownstream() {
        downstream.close();
    }

    @Test
    void answersAreUnchangedAndOnlyTheRefusingLoaderIsLeftUnwovenAndCounted() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = app(port).start()) {
            assertEquals(unwoven, drive(app, port), app.output());
            Scrape scrape = app.scrape();
            assertEquals(CALLS, clientCount(scrape, "POST"), "throwing loader, woven:\n" + app.output());
            assertEquals(CALLS, clientCount(scrape, "PUT"), "child-first loader, woven:\n" + app.output());
            assertFalse(hasClientSeries(scrape, "GET"), "the refusing loader's calls are not recorded");

            assertEquals(1.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_not_found"));
            assertTrue(scrape.value("weft_classes_skipped_total", "reason", "bootstrap_not_found") >= 1.0);
            assertEquals(0.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_other_copy"));
            assertEquals(0.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_loader_error"));
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            assertEquals(0.0, scrape.value("weft_instrumentation_errors_total"));

            List<String> warnings = app.weftLines().stream().filter(l -> l.contains("cannot see")).collect(Collectors.toList());
            assertEquals(1, warnings.size(), app.output());
            assertTrue(warnings.get(0).contains("class loader dev.weft.smoke.app.chaos.RefusingLoader@"), warnings.get(0));
            assertTrue(warnings.get(0).contains("jboss.modules.system.pkgs"), "says what the user can do: " + warnings.get(0));
            assertNoStackTrace(app);
        }
    }

    /**
     * With the class-loaders module off, no loader of the three is made to see the bootstrap classes:
     * each is refused for its own reason, and still every answer is as without the agent.
     */
    @Test
    void withoutLoaderWeavingEachLoaderIsRefusedForItsOwnReasonAndAnswersStayUnchanged() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = app(port).env("WEFT_INSTRUMENTATIONS_DISABLED", "class-loaders").start()) {
            assertEquals(unwoven, drive(app, port), app.output());
            Scrape scrape = app.scrape();
            for (String method : new String[] {"GET", "POST", "PUT"}) {
                assertFalse(hasClientSeries(scrape, method), method + " recorded:\n" + scrape.text());
            }
            assertEquals(1.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_not_found"));
            assertEquals(1.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_loader_error"));
            assertEquals(1.0, scrape.value("weft_class_loaders_skipped_total", "reason", "bootstrap_other_copy"));
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            assertNoStackTrace(app);
        }
    }

    private AgentJvm.Builder app(int port) {
        Path app = Paths.get(System.getProperty("smoke.apps", "../apps"), "chaos-loaders-app", "target").toAbsolutePath();
        return AgentJvm.app("chaos-loaders-app", "dev.weft.smoke.app.chaos.ChaosLoadersMain")
                .arg(port).arg(downstream.httpPort()).arg(app.resolve("isolated-libs")).arg(AgentJvm.agentJar());
    }

    /** Each loader's calls, answered as "app-status downstream-status body". */
    private static List<String> drive(AgentJvm app, int port) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            for (String loader : LOADERS) {
                HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + "/call/" + loader);
                answers.add(response.statusCode() + " " + response.body() + " (" + loader + ")");
            }
        }
        return answers;
    }

    private double clientCount(Scrape scrape, String method) {
        return scrape.value("http_client_request_duration_seconds_count", "http_request_method", method,
                "server_address", "127.0.0.1", "server_port", String.valueOf(downstream.httpPort()),
                "http_response_status_code", "200", "error_type", "");
    }

    private static boolean hasClientSeries(Scrape scrape, String method) {
        return !scrape.samplesWith("http_client_request_duration_seconds_count", "http_request_method", method).isEmpty();
    }

    private static void assertNoStackTrace(AgentJvm app) {
        for (String line : app.stderr()) {
            assertFalse(line.contains("NoClassDefFoundError") || line.trim().startsWith("at dev.weft."),
                    "a Weft failure reached the application:\n" + app.output());
        }
    }
}
