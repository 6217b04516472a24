package dev.weft.smoke.client;

import java.io.IOException;
import javax.net.ssl.SSLSocket;

/**
 * The calls every HTTP-client smoke app makes, in order, against the WireMock downstream of the
 * smoke tests (see {@code ClientSmokeTest} there). An app implements {@link Client} with its
 * library and hands it to {@link #run}:
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     Scenarios.run(args, new OkHttpScenarioClient());
 * }
 * }</pre>
 */
public final class Scenarios {

    /** One library making calls; each call reads the whole response and throws what the library throws. */
    public interface Client {
        /** GET with a 1 s read timeout; https URLs trust any certificate (WireMock's is self-signed). */
        int get(String url) throws Exception;

        int post(String url, String body) throws Exception;
    }

    /**
     * An asynchronous library whose calls the application can cancel. After the standard calls,
     * {@link #run} starts a GET of {@code /slow} with it and has it cancelled while in flight.
     */
    public interface CancellingClient extends Client {
        /** Starts a GET of the URL, cancels it (or aborts it) after 200 ms, and returns what the library reported. */
        String getCancelled(String url) throws Exception;
    }

    private Scenarios() {}

    /** Arguments: the downstream's HTTP port, its HTTPS port, a loopback port where nothing listens. */
    public static void run(String[] args, Client client) throws Exception {
        String http = "http://127.0.0.1:" + args[0];
        String https = "https://127.0.0.1:" + args[1];
        String closed = "http://127.0.0.1:" + args[2];
        warmUpTls(Integer.parseInt(args[1]));
        if (AgentReady.present()) {
            AgentReady.await();
        }
        call(client, "GET", http + "/ok");
        call(client, "GET", http + "/missing");
        call(client, "GET", http + "/unavailable");
        call(client, "GET", http + "/slow");
        call(client, "GET", http + "/reset");
        call(client, "GET", http + "/redirect");
        call(client, "POST", http + "/echo");
        call(client, "GET", https + "/ok");
        call(client, "GET", closed + "/ok");
        if (client instanceof CancellingClient) {
            System.out.println("GET " + http + "/slow, cancelled -> " + ((CancellingClient) client).getCancelled(http + "/slow"));
        }
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * One TLS handshake with the downstream, no HTTP request: this JVM's first handshake loads and
     * warms up the JDK's TLS code, which on a busy machine can take longer than the calls' 1 s
     * timeouts. Nothing reaches the downstream's request counts.
     */
    private static void warmUpTls(int httpsPort) {
        try (SSLSocket socket = (SSLSocket) TrustAll.sslContext().getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
        } catch (IOException e) {
            System.out.println("TLS warm-up failed: " + e);
        }
    }

    /** Makes one call and prints its outcome; a failure is expected for some calls and never fatal. */
    public static void call(Client client, String method, String url) {
        try {
            int status = method.equals("POST") ? client.post(url, "{\"name\":\"weft\"}") : client.get(url);
            System.out.println(method + " " + url + " -> " + status);
        } catch (Exception e) {
            System.out.println(method + " " + url + " -> " + e);
        }
    }
}
