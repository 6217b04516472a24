package dev.weft.smoke.client;

/** OkHttp 4.x, synchronous {@code Call.execute()}. */
class OkHttp4ExecuteSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-4-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.ExecuteMain";
    }
}
