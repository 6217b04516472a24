package dev.weft.smoke.client;

/** Apache HttpClient 4.5 classic ({@code InternalHttpClient.doExecute}); it follows the 302 itself. */
class ApacheHttpClient4SmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "apache-httpclient-4-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.apache4.Main";
    }



    @Override
    protected String refusedError() {
        return "org.apache.http.conn.HttpHostConnectException";
    }
}
