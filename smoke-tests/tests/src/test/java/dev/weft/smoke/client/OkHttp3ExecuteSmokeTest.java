package dev.weft.smoke.client;

/** OkHttp 3.x, synchronous {@code Call.execute()}. */
class OkHttp3ExecuteSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-3-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.ExecuteMain";
    }
}
