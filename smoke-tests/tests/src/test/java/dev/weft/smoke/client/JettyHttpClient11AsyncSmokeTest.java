package dev.weft.smoke.client;

/**
 * Jetty HttpClient 11, {@code send(CompleteListener)} (module {@code jetty-httpclient-9}, which
 * covers 10 and 11 too): recorded when Jetty calls the listeners back, before the application's
 * listener runs; a request the application aborts records the abort's cause.
 */
class JettyHttpClient11AsyncSmokeTest extends JettyHttpClientSmokeTest {

    @Override
    protected String app() {
        return "jetty-client-11-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.jetty11client.AsyncMain";
    }

    @Override
    protected boolean cancels() {
        return true;
    }
}
