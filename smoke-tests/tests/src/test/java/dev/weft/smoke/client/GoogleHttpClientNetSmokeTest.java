package dev.weft.smoke.client;

/** The Google HTTP Client on its default {@code NetHttpTransport}, HttpURLConnection underneath. */
class GoogleHttpClientNetSmokeTest extends GoogleHttpClientSmokeTest {

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.google.NetMain";
    }
}
