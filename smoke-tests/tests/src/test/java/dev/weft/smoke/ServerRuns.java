package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the same requests at a server app run without the agent and with it, for smoke tests of
 * servers timed by their own instrumentation (Undertow, the JDK HttpServer): each request on a new
 * connection that the client closes after one response, so no client retries a request on a reused
 * connection and every request is counted exactly once.
 */
final class ServerRuns {

    static final String DURATION = "http_server_request_duration_seconds";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private ServerRuns() {}

    /** Status line and body of each response, or what the client saw when the server sent none. */
    static List<String> drive(int port, List<String> paths) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String path : paths) {
            answers.add(path + " -> " + get(port, path));
        }
        return answers;
    }

    /** One GET on its own connection: "status body", or "no response" when the server closed first. */
    static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                // until the response is complete or the server closes: Helidon answers "Connection: close"
                // but does not close at once
                for (int n; !complete(all) && (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the server reset the connection: what it sent before is the answer
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return "no response";
            }
            int headEnd = text.indexOf("\r\n\r\n");
            String statusLine = text.substring(0, text.indexOf("\r\n"));
            String status = statusLine.split(" ")[1];
            String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
            String body = text.substring(headEnd + 4);
            if (head.contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return status + " " + body;
        }
    }

    /** A whole response: its head, and a body of the declared length or a chunked body's last chunk. */
    private static boolean complete(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int bodyLength = text.length() - headEnd - 4;
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return bodyLength >= Integer.parseInt(length.group(1));
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("\r\n0\r\n\r\n");
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    static String[] labels(String method, String route, String status, String errorType) {
        return new String[] {"http_request_method", method, "http_route", route,
                "http_response_status_code", status, "error_type", errorType};
    }

    /** Fails when any label holds one of these parts of the paths driven: routes are templates, never raw paths. */
    static void assertNoRawPaths(Scrape scrape, String... pathParts) {
        for (Scrape.Sample sample : scrape.samples()) {
            for (String value : sample.labels.values()) {
                for (String part : pathParts) {
                    assertTrue(!value.contains(part), sample.toString());
                }
            }
        }
    }

    /** Scrapes until the request counts add up to {@code total} (recording may end just after the response), at most five seconds. */
    static Scrape awaitTotal(AgentJvm app, double total) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && sum(scrape) < total; i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        assertEquals(total, sum(scrape), scrape.text());
        return scrape;
    }

    private static double sum(Scrape scrape) {
        return scrape.samples(DURATION + "_count").stream().mapToDouble(s -> s.value).sum();
    }
}
