package dev.weft.smoke.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The downstream every HTTP-client smoke test calls: a real WireMock server on loopback, plain
 * HTTP and HTTPS (WireMock's self-signed certificate), on ports chosen at run time.
 *
 * <table>
 *   <tr><td>{@code GET /ok}</td><td>200, body {@code ok}</td></tr>
 *   <tr><td>{@code GET /missing}</td><td>404</td></tr>
 *   <tr><td>{@code GET /unavailable}</td><td>503</td></tr>
 *   <tr><td>{@code GET /slow}</td><td>200 after {@value #SLOW_MILLIS} ms, past every client's 1 s read timeout</td></tr>
 *   <tr><td>{@code GET /reset}</td><td>the connection is reset before any response</td></tr>
 *   <tr><td>{@code GET /redirect}</td><td>302 to {@code /ok}</td></tr>
 *   <tr><td>{@code POST /echo}</td><td>201</td></tr>
 *   <tr><td>any method, {@code /any}</td><td>200</td></tr>
 * </table>
 */
public final class Downstream implements AutoCloseable {

    public static final int SLOW_MILLIS = 3000;

    private final WireMockServer server;

    private Downstream(WireMockServer server) {
        this.server = server;
    }

    public static Downstream start() {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .stubRequestLoggingDisabled(true));
        server.start();
        server.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("missing")));
        server.stubFor(get(urlPathEqualTo("/unavailable")).willReturn(aResponse().withStatus(503).withBody("down")));
        server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("late")
                .withFixedDelay(SLOW_MILLIS)));
        server.stubFor(get(urlPathEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlPathEqualTo("/redirect")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/ok")));
        server.stubFor(post(urlPathEqualTo("/echo")).willReturn(aResponse().withStatus(201).withBody("created")));
        server.stubFor(any(urlPathEqualTo("/any")).willReturn(aResponse().withStatus(200).withBody("any")));
        warmUpTls(server.httpsPort());
        return new Downstream(server);
    }

    /**
     * The server's first TLS handshake can take over a second (its TLS stack initialises lazily),
     * longer than the apps' 1 s read timeout: one handshake here, so the apps' https calls meet a
     * ready server. No HTTP request is sent, so no path's count changes.
     */
    private static void warmUpTls(int port) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
                @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
                @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}
                @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}
                @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
                @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
                @Override public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                socket.startHandshake();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the downstream's HTTPS port does not answer", e);
        }
    }

    public int httpPort() {
        return server.port();
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    /** How many requests reached the path, whatever their method: proof the client really called. */
    public int received(String path) {
        return server.countRequestsMatching(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder
                .newRequestPattern(com.github.tomakehurst.wiremock.http.RequestMethod.ANY, urlPathEqualTo(path))
                .build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
