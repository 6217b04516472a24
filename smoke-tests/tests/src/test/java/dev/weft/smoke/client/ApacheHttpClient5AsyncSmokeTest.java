package dev.weft.smoke.client;

/** The async client: {@code execute(request, FutureCallback)}, recorded when the client completes the callback. */
class ApacheHttpClient5AsyncSmokeTest extends ApacheHttpClient5SmokeTest {

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.apache5.AsyncMain";
    }

    /** AsyncMain.RETRY_WAIT_MILLIS. */
    @Override
    protected double retryWaitSeconds() {
        return 0.3;
    }
}
