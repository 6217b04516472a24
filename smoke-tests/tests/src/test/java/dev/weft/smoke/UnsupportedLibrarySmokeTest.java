package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A library version a module does not support: old-servlet-api-app serves a servlet built on the
 * servlet 2.5 API, which has {@code javax.servlet.Servlet} but not {@code DispatcherType} nor
 * {@code ServletRequest.getDispatcherType()}, both used by the servlet-javax enter advice. The module
 * must skip that class loader (said once at debug level) rather than weave advice that would end in a
 * {@code NoSuchMethodError}: no linkage error anywhere on stderr, no advice error counted, responses
 * byte-identical to a run without the agent, and the rest of the agent working: JVM metrics, and the
 * JDK HttpServer the app serves the servlet from, measured by its own module.
 */
class UnsupportedLibrarySmokeTest {

    private static final String APP = "old-servlet-api-app";
    private static final String MAIN = "dev.weft.smoke.app.oldservlet.OldServletMain";
    private static final String[] PATHS = {"/hello", "/fail"};
    private static final String[] LINKAGE_ERRORS = {
        "LinkageError", "VerifyError", "NoSuchMethodError", "NoClassDefFoundError", "AbstractMethodError",
        "IncompatibleClassChangeError", "NoSuchFieldError",
    };

    @Test
    void servlet25IsSkippedWithADebugLineAndNoLinkageError() throws Exception {
        List<String> without = new ArrayList<>();
        int plainPort = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(plainPort).withoutAgent().start()) {
            for (String path : PATHS) {
                without.add(AdviceFailureSmokeTest.rawGet(plainPort, path));
            }
        }
        assertTrue(without.get(0).startsWith("HTTP/1.1 200 ") && without.get(0).endsWith("hello from servlet 2.5\n"),
                without.get(0));
        assertTrue(without.get(1).startsWith("HTTP/1.1 500 "), without.get(1));

        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).env("WEFT_LOG_LEVEL", "debug").start()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < PATHS.length; i++) {
                    assertEquals(without.get(i), AdviceFailureSmokeTest.rawGet(port, PATHS[i]), PATHS[i] + "\n" + app.output());
                }
            }
            Scrape scrape = app.scrape();
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), app.output());
            assertEquals(0.0, scrape.value("weft_instrumentation_errors_total"), app.output());
            assertTrue(scrape.has("jvm_memory_used_bytes"), "the agent itself runs");
            // The container here is the JDK's HttpServer, which its own module measures (path
            // heuristic under the "/" context); the 2.5 servlet layer adds nothing to it.
            assertEquals(2, scrape.samples("http_server_request_duration_seconds_count").size(), scrape.text());
            assertEquals(3.0, scrape.value("http_server_request_duration_seconds_count",
                    "http_request_method", "GET", "http_route", "/hello", "http_response_status_code", "200"), scrape.text());
            assertEquals(3.0, scrape.value("http_server_request_duration_seconds_count",
                    "http_request_method", "GET", "http_route", "/fail", "http_response_status_code", "500", "error_type", "500"),
                    scrape.text());

            for (String line : app.stderr()) {
                for (String error : LINKAGE_ERRORS) {
                    assertFalse(line.contains(error), "a " + error + " on stderr: " + line + "\n" + app.output());
                }
                assertFalse(line.startsWith("weft: instrumented javax.servlet."), "a 2.5 class was woven: " + line);
            }
            List<String> skipped = new ArrayList<>();
            for (String line : app.weftLines()) {
                if (line.startsWith("weft: servlet-javax: skipping class loader")) {
                    skipped.add(line);
                }
            }
            assertEquals(1, skipped.size(), "said once, for the app's loader:\n" + app.output());
            assertTrue(skipped.get(0).contains("javax.servlet.DispatcherType"), skipped.get(0));
            assertTrue(skipped.get(0).contains("older than 3.0"), skipped.get(0));
        }
    }

    /** At the default level the skip is not worth a line: nothing but the start-up line. */
    @Test
    void servlet25SkipIsSilentAtInfoLevel() throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).start()) {
            assertTrue(AdviceFailureSmokeTest.rawGet(port, "/hello").endsWith("hello from servlet 2.5\n"));
            List<String> weft = app.weftLines();
            assertEquals(1, weft.size(), app.output());
            assertTrue(weft.get(0).contains("serving metrics"), weft.get(0));
        }
    }
}
