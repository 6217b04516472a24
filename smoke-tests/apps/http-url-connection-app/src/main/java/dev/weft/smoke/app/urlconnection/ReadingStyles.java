package dev.weft.smoke.app.urlconnection;

import dev.weft.smoke.client.AgentReady;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * The ways an application can drive one HttpURLConnection request, each once, each expected to be
 * recorded exactly once (or, for a connection never read, not at all). Arguments as for the
 * standard scenarios: the downstream's HTTP port, its HTTPS port, a closed port. Prints
 * {@code READY} when done. The expected series are listed in the smoke test.
 */
public final class ReadingStyles {

    private ReadingStyles() {}

    public static void main(String[] args) throws Exception {
        String http = "http://127.0.0.1:" + args[0];
        String https = "https://127.0.0.1:" + args[1];
        String closed = "http://127.0.0.1:" + args[2];
        AgentReady.await();

        step("getInputStream, then again, then status and headers", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/ok");
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
            c.getInputStream();
            c.getHeaderFields();
            return c.getResponseCode();
        });
        step("connect(), then getResponseCode", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/ok");
            c.connect();
            c.connect();
            return c.getResponseCode();
        });
        step("a header first, on a 503", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/unavailable");
            c.getHeaderField("Content-Type");
            c.getContentLength();
            return c.getResponseCode();
        });
        step("getInputStream on a 404 (FileNotFoundException), then getErrorStream", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/missing");
            try {
                c.getInputStream();
            } catch (java.io.FileNotFoundException expected) {
                c.getErrorStream().readAllBytes();
            }
            try {
                c.getInputStream();
            } catch (java.io.FileNotFoundException again) {
                // the JDK remembers the failure: not a new request
            }
            return c.getResponseCode();
        });
        step("getResponseCode on a 404, then getErrorStream", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/missing");
            int status = c.getResponseCode();
            c.getErrorStream().readAllBytes();
            return status;
        });
        step("POST: getOutputStream, then getInputStream", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/echo");
            c.setDoOutput(true); // a GET with a body: the JDK turns it into a POST
            try (OutputStream out = c.getOutputStream()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            c.getInputStream().readAllBytes();
            return c.getResponseCode();
        });
        step("POST streamed with a fixed length, then getResponseCode", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/echo");
            byte[] body = "{\"streamed\":true}".getBytes(StandardCharsets.UTF_8);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            return c.getResponseCode();
        });
        step("PUT with a body", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/any");
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.getOutputStream().write(1);
            return c.getResponseCode();
        });
        step("HEAD (no body: the JDK marks the connection unconnected after it), then a header", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/any");
            c.setRequestMethod("HEAD");
            int status = c.getResponseCode();
            c.getHeaderField("Content-Length");
            c.getInputStream();
            return status;
        });
        step("redirects not followed", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/redirect");
            c.setInstanceFollowRedirects(false);
            return c.getResponseCode();
        });
        step("connect() then disconnect(), never read: no request, nothing recorded", () -> {
            HttpURLConnection c = UrlConnectionClient.open(http + "/any");
            c.connect();
            c.disconnect();
            return -1;
        });
        step("connect() to a closed port", () -> {
            HttpURLConnection c = UrlConnectionClient.open(closed + "/ok");
            c.connect();
            return c.getResponseCode();
        });
        step("getOutputStream to a closed port", () -> {
            HttpURLConnection c = UrlConnectionClient.open(closed + "/echo");
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.getOutputStream().write(1);
            return c.getResponseCode();
        });
        step("https: connect() (TLS handshake), then getInputStream", () -> {
            HttpURLConnection c = UrlConnectionClient.open(https + "/ok");
            c.connect();
            c.getInputStream().readAllBytes();
            return c.getResponseCode();
        });
        step("https with the JDK's default trust: the self-signed certificate fails the handshake", () -> {
            HttpURLConnection c = (HttpURLConnection) new java.net.URL(https + "/ok").openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            return c.getResponseCode();
        });
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }

    interface Call {
        int run() throws Exception;
    }

    private static void step(String name, Call call) {
        try {
            System.out.println(name + " -> " + call.run());
        } catch (Exception e) {
            System.out.println(name + " -> " + e);
        }
    }
}
