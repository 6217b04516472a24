package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Advice that fails must not change what the application sends. The agent's test hook
 * {@code -Ddev.weft.test.failRecorder=true} installs a server recorder that throws from every call;
 * embedded Tomcat 10.1 (servlet-jakarta-app) then answers a set of requests (plain, path-mapped,
 * filtered, forwarded, asynchronous, 401 from a filter, 503, an exception, a 404), and every response
 * is compared byte for byte, over a raw socket, with the same requests to the same app without the
 * agent: status line, every header but {@code Date}, body.
 *
 * <p>Each request's outermost enter advice calls {@code start}, which throws, so the request is not
 * timed and the exit advice returns early: exactly one advice error per request, which
 * {@code weft_advice_errors_total} must count, and a single stderr line must report (not one per
 * request).
 */
class AdviceFailureSmokeTest {

    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    private static final String[] PATHS = {
        "/hello", "/users/42", "/chain/hello", "/guarded", "/forward", "/async", "/teapot", "/fail", "/no/such/page",
    };
    private static final int ROUNDS = 3;

    @Test
    void failingRecorderLeavesEveryResponseByteIdenticalAndIsCountedOnce() throws Exception {
        Map<String, String> without = new LinkedHashMap<>();
        int plainPort = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(plainPort).withoutAgent().start()) {
            for (String path : PATHS) {
                without.put(path, rawGet(plainPort, path));
            }
        }
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(port).jvmOption("-Ddev.weft.test.failRecorder=true").start()) {
            int requests = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : PATHS) {
                    assertEquals(without.get(path), rawGet(port, path), path + ", round " + round + "\n" + app.output());
                    requests++;
                }
            }
            Scrape scrape = awaitAdviceErrors(app, requests);
            assertEquals(requests, scrape.value("weft_advice_errors_total"), "one failed advice call per request");
            assertFalse(scrape.has("http_server_request_duration_seconds_count"), "nothing recorded:\n" + scrape.text());

            List<String> reported = new ArrayList<>();
            for (String line : app.weftLines()) {
                if (line.contains("advice failed")) {
                    reported.add(line);
                }
            }
            assertEquals(1, reported.size(), "one line for " + requests + " failures:\n" + app.output());
            assertTrue(reported.get(0).contains("recorder failure injected"), reported.get(0));
            for (String line : app.stderr()) {
                assertFalse(line.contains("IllegalStateException: recorder failure") && !line.startsWith("weft:"),
                        "the injected failure reached the application's output: " + line + "\n" + app.output());
            }
        }
    }

    /** The recording side runs after the response is sent: waits up to five seconds for the exact count. */
    private static Scrape awaitAdviceErrors(AgentJvm app, int expected) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && scrape.value("weft_advice_errors_total") < expected; i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        return scrape;
    }

    /**
     * The whole response to a GET with {@code Connection: close}, as bytes read until the server
     * closes, decoded as ISO-8859-1 (one char per byte) with the Date header removed.
     */
    static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.replaceAll("(?im)^Date: [^\r\n]*\r\n", "");
        }
    }
}
