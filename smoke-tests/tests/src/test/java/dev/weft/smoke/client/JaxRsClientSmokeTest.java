package dev.weft.smoke.client;

/**
 * A JAX-RS client built on another: Jersey's client with its default connector, which drives
 * HttpURLConnection (request body, status, headers, entity or error stream). Every request is one
 * observation, with the status and, on failure, the exception HttpURLConnection raised (Jersey
 * wraps it in {@code ProcessingException}).
 */
class JaxRsClientSmokeTest extends ClientSmokeTest {

    @Override
    protected String app() {
        return "jaxrs-client-app";
    }

    @Override
    protected String mainClass() {
        return "dev.weft.smoke.app.jaxrsclient.Main";
    }
}
