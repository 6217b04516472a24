package dev.weft.smoke.client;

/**
 * The standard client calls with {@code java.net.HttpURLConnection} (status first, then the body;
 * a request body through {@code getOutputStream}), over http and https: each call one observation.
 * The JDK follows the redirect itself, so {@code /redirect} counts as one more {@code 200}.
 */
class HttpUrlConnectionSmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "http-url-connection-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.urlconnection.Main";
    }
}
