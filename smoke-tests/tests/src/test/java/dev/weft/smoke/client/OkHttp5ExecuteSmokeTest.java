package dev.weft.smoke.client;

/** OkHttp 5.x, synchronous {@code Call.execute()}. */
class OkHttp5ExecuteSmokeTest extends OkHttpSmokeTest {

    @Override
    protected String app() {
        return "okhttp-5-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.okhttp.ExecuteMain";
    }
}
