package dev.weft.smoke.client;

/**
 * Apache HttpAsyncClient 4.1: {@code execute(request, FutureCallback)}, recorded when the client
 * completes, fails or cancels the call; it follows the 302 inside the call. A call the application
 * cancels through its future records {@code CancellationException}.
 */
class ApacheHttpAsyncClient4SmokeTest extends ClientSmokeTest {

    @Override
    protected boolean comparesWithoutAgent() {
        return true;
    }

    @Override
    protected String app() {
        return "apache-httpasyncclient-4-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.apacheasync4.Main";
    }

    @Override
    protected boolean cancels() {
        return true;
    }
}
