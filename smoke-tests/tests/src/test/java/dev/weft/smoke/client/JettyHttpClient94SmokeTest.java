package dev.weft.smoke.client;

/** Jetty HttpClient 9.4, blocking {@code send()} (module {@code jetty-httpclient-9}). */
class JettyHttpClient94SmokeTest extends JettyHttpClientSmokeTest {

    @Override
    protected String app() {
        return "jetty-client-94-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.jetty94client.Main";
    }
}
