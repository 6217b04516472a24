package dev.weft.smoke.client;

/**
 * Jetty HttpClient 12, {@code send(CompleteListener)}: recorded when Jetty calls the listeners back,
 * before the application's listener runs; a request the application aborts records the abort's cause.
 */
class JettyHttpClient12AsyncSmokeTest extends JettyHttpClientSmokeTest {

    @Override
    protected String app() {
        return "jetty-client-12-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.jetty12client.AsyncMain";
    }

    @Override
    protected boolean cancels() {
        return true;
    }
}
