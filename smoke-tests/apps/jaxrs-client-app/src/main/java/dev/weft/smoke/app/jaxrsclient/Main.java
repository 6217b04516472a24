package dev.weft.smoke.app.jaxrsclient;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeUnit;

/**
 * The standard client scenarios with a JAX-RS client (Jersey, default connector: HttpURLConnection).
 * Jersey returns 4xx and 5xx as responses; a failure without a response is a
 * {@code ProcessingException} wrapping the exception HttpURLConnection raised.
 */
public final class Main implements Scenarios.Client {

    private final Client client = ClientBuilder.newBuilder()
            .sslContext(TrustAll.sslContext())
            .hostnameVerifier(TrustAll.HOSTNAMES)
            .connectTimeout(1, TimeUnit.SECONDS)
            .readTimeout(1, TimeUnit.SECONDS)
            .build();

    private Main() {}

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) {
        try (Response response = client.target(url).request().get()) {
            response.readEntity(String.class);
            return response.getStatus();
        }
    }

    @Override
    public int post(String url, String body) {
        try (Response response = client.target(url).request().post(Entity.json(body))) {
            response.readEntity(String.class);
            return response.getStatus();
        }
    }
}
