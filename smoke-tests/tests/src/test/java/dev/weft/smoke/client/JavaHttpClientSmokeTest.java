package dev.weft.smoke.client;

/**
 * The standard client calls with {@code java.net.http.HttpClient.send} (which the JDK implements
 * with {@code sendAsync}: one observation each), following redirects ({@code Redirect.NORMAL}),
 * over http and https.
 */
class JavaHttpClientSmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "java-http-client-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.httpclient.Main";
    }

    @Override
    protected String timeoutError() {
        return "java.net.http.HttpTimeoutException";
    }

    @Override
    protected String resetError() {
        return "java.io.IOException";
    }
}
