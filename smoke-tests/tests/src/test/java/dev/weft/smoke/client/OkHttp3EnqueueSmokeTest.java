package dev.weft.smoke.client;

/** OkHttp 3.x, {@code Call.enqueue(Callback)}, recorded when OkHttp calls back. */
class OkHttp3EnqueueSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-3-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.EnqueueMain";
    }
}
