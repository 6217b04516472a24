package dev.weft.smoke.app.urlconnection;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/** The standard calls made the way most code uses HttpURLConnection: status first, then the body. */
final class UrlConnectionClient implements Scenarios.Client {

    private static final SSLSocketFactory TLS = TrustAll.sslContext().getSocketFactory();

    /** A connection with 1 s timeouts; https connections trust the downstream's self-signed certificate. */
    static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(1000);
        if (connection instanceof HttpsURLConnection) {
            ((HttpsURLConnection) connection).setSSLSocketFactory(TLS);
            ((HttpsURLConnection) connection).setHostnameVerifier(TrustAll.HOSTNAMES);
        }
        return connection;
    }

    /** Reads what the server sent: the error stream for 4xx and 5xx, as the JDK requires. */
    static void drain(HttpURLConnection connection, int status) throws IOException {
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body != null) {
            try (InputStream in = body) {
                in.readAllBytes();
            }
        }
    }

    @Override
    public int get(String url) throws Exception {
        HttpURLConnection connection = open(url);
        int status = connection.getResponseCode();
        drain(connection, status);
        return status;
    }

    @Override
    public int post(String url, String body) throws Exception {
        HttpURLConnection connection = open(url);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        drain(connection, status);
        return status;
    }
}
