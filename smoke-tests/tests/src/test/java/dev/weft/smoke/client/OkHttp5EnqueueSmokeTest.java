package dev.weft.smoke.client;

/** OkHttp 5.x, {@code Call.enqueue(Callback)}, recorded when OkHttp calls back. */
class OkHttp5EnqueueSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-5-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.EnqueueMain";
    }
}
