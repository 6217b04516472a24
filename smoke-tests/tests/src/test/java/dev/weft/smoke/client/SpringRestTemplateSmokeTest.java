package dev.weft.smoke.client;

/**
 * Spring's {@code RestTemplate} over Apache HttpClient 5: a client built on an instrumented client.
 * The RestTemplate call is recorded exactly once, by the HttpClient call under it, with the
 * HttpClient's own exception as the error (RestTemplate's wrappers never show).
 */
class SpringRestTemplateSmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "spring-resttemplate-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.spring.Main";
    }



    @Override
    protected String refusedError() {
        return "org.apache.hc.client5.http.HttpHostConnectException";
    }
}
