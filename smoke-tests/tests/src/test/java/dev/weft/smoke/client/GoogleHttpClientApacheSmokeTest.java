package dev.weft.smoke.client;

/** The Google HTTP Client on {@code ApacheHttpTransport} (google-http-client-apache-v2), Apache HttpClient 4.5 underneath. */
class GoogleHttpClientApacheSmokeTest extends GoogleHttpClientSmokeTest {

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.google.ApacheMain";
    }

    @Override
    protected String refusedError() {
        return "org.apache.http.conn.HttpHostConnectException";
    }
}
