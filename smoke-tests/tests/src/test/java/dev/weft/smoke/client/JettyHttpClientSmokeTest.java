package dev.weft.smoke.client;

/**
 * Jetty's {@code HttpClient}, 9.4 to 12: one request the application sends is one observation,
 * recorded when Jetty completes it. Jetty follows the 302 with a second request in the same
 * conversation, which is not recorded again; the idle timeout fails the call with Jetty's
 * {@code TimeoutException}.
 */
abstract class JettyHttpClientSmokeTest extends ClientSmokeTest {

    @Override
    protected boolean comparesWithoutAgent() {
        return true;
    }

    @Override
    protected String timeoutError() {
        return "java.util.concurrent.TimeoutException";
    }

    @Override
    protected String resetError() {
        return "java.io.EOFException";
    }
}
