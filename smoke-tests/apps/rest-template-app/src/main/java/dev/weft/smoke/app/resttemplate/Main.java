package dev.weft.smoke.app.resttemplate;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.io.IOException;
import java.net.HttpURLConnection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestTemplate;

/**
 * The standard client scenarios with Spring's RestTemplate on its default request factory, which
 * drives HttpURLConnection: several HttpURLConnection calls per exchange (output stream, status,
 * headers, error stream), one recorded call. A 4xx or 5xx, which RestTemplate throws as
 * {@link HttpStatusCodeException}, returns its status here.
 */
public final class Main implements Scenarios.Client {

    private static final SSLSocketFactory TLS = TrustAll.sslContext().getSocketFactory();

    private final RestTemplate rest;

    private Main() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory() {
            @Override
            protected void prepareConnection(HttpURLConnection connection, String method) throws IOException {
                super.prepareConnection(connection, method);
                if (connection instanceof HttpsURLConnection) {
                    ((HttpsURLConnection) connection).setSSLSocketFactory(TLS);
                    ((HttpsURLConnection) connection).setHostnameVerifier(TrustAll.HOSTNAMES);
                }
            }
        };
        factory.setConnectTimeout(1000);
        factory.setReadTimeout(1000);
        rest = new RestTemplate(factory);
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) {
        try {
            return rest.getForEntity(url, String.class).getStatusCode().value();
        } catch (HttpStatusCodeException e) {
            return e.getStatusCode().value();
        }
    }

    @Override
    public int post(String url, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            return rest.postForEntity(url, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
        } catch (HttpStatusCodeException e) {
            return e.getStatusCode().value();
        }
    }
}
