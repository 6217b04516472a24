package dev.weft.smoke.client;

/**
 * A client built on another: Spring's RestTemplate with its default request factory, which drives
 * HttpURLConnection through several calls per exchange (output stream, status, headers, error
 * stream). Every exchange is still one observation, with the status and, on failure, the exception
 * HttpURLConnection raised (RestTemplate wraps it in its own {@code ResourceAccessException}).
 */
class RestTemplateSmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "rest-template-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.resttemplate.Main";
    }
}
