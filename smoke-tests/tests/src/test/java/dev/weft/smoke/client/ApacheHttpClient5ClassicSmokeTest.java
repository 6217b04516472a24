package dev.weft.smoke.client;

/** The classic client: {@code execute(request, responseHandler)}, recorded at {@code InternalHttpClient.doExecute}. */
class ApacheHttpClient5ClassicSmokeTest extends ApacheHttpClient5SmokeTest {

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.apache5.ClassicMain";
    }
}
