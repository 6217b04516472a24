package dev.weft.smoke.client;

/** Jetty HttpClient 12, blocking {@code send()} (module {@code jetty-httpclient-12}). */
class JettyHttpClient12SmokeTest extends JettyHttpClientSmokeTest {

    @Override
    protected String app() {
        return "jetty-client-12-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.jetty12client.Main";
    }
}
