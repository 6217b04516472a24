package dev.weft.smoke.client;

/**
 * Spring's {@code RestClient} over Jetty 12 ({@code JettyClientHttpRequestFactory}): a client built on
 * an instrumented client. Each exchange is recorded exactly once, by the Jetty request under it, with
 * Jetty's own exception as the error (Spring's {@code ResourceAccessException} never shows). Spring
 * sets its read timeout as the request's total timeout.
 */
class SpringJettyClientSmokeTest extends JettyHttpClientSmokeTest {

    @Override
    protected String app() {
        return "spring-jetty-client-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.springjetty.Main";
    }
}
