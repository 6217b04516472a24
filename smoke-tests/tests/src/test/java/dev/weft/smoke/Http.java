package dev.weft.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for driving the apps and scraping the agent. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {}

    public static HttpResponse<String> get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static HttpResponse<String> get(String url, String headerName, String headerValue) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header(headerName, headerValue).GET());
    }

    public static HttpResponse<byte[]> getBytes(String url, String headerName, String headerValue) throws IOException {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header(headerName, headerValue)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static HttpResponse<String> post(String url, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpResponse<String> method(String url, String method) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** True when something answers HTTP at the URL, whatever the status. */
    public static boolean answers(String url) {
        try {
            get(url);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
