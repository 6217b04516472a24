package dev.weft.smoke.app.httpclient;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The standard calls with {@code HttpClient.send}: redirects followed ({@code NORMAL}, the setting
 * most applications choose; the JDK's default is {@code NEVER}), 1 s request timeout.
 */
final class JdkClient implements Scenarios.Client {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(1))
            .sslContext(TrustAll.sslContext())
            .build();

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1));
    }

    @Override
    public int get(String url) throws Exception {
        return CLIENT.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public int post(String url, String body) throws Exception {
        return CLIENT.send(request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
