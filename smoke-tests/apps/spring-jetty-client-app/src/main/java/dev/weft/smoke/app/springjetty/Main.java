package dev.weft.smoke.app.springjetty;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The standard client calls with Spring's {@code RestClient} over Jetty 12
 * ({@code JettyClientHttpRequestFactory}): RestClient turns 4xx/5xx into exceptions and wraps I/O
 * errors in {@code ResourceAccessException}, while the agent records the Jetty request underneath,
 * once.
 *
 * <p>The read timeout is 2 s, not the scenarios' 1 s: Spring makes it the Jetty request's total
 * timeout, body included, and the first exchange of a cold JVM (Spring's converters loading) can
 * take longer than a second on a busy machine. The 3 s {@code /slow} call still times out.
 */
public final class Main implements Scenarios.Client {

    private final RestClient rest;

    private Main() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(TrustAll.sslContext());
        tls.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        JettyClientHttpRequestFactory factory =
                new JettyClientHttpRequestFactory(new HttpClient(new HttpClientTransportOverHTTP(connector)));
        factory.setReadTimeout(Duration.ofSeconds(2));
        rest = RestClient.builder().requestFactory(factory).build();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) {
        return rest.get().uri(url).retrieve().toEntity(String.class).getStatusCode().value();
    }

    @Override
    public int post(String url, String body) {
        return rest.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(String.class).getStatusCode().value();
    }
}
