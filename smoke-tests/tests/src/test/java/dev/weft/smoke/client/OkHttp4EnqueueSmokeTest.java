package dev.weft.smoke.client;

/** OkHttp 4.x, {@code Call.enqueue(Callback)}, recorded when OkHttp calls back. */
class OkHttp4EnqueueSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-4-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.EnqueueMain";
    }
}
