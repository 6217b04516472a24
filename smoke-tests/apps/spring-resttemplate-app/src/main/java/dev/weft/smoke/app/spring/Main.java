package dev.weft.smoke.app.spring;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * The standard client calls with Spring's {@code RestTemplate} over Apache HttpClient 5
 * ({@code HttpComponentsClientHttpRequestFactory}): RestTemplate turns 4xx/5xx into exceptions and
 * wraps I/O errors in {@code ResourceAccessException}, while the agent records the HttpClient call
 * underneath, once.
 */
public final class Main implements Scenarios.Client {

    private final RestTemplate rest;

    private Main() throws Exception {
        rest = new RestTemplate(new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(TrustAll.sslContext())
                                .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                                .buildClassic())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(1)).build())
                .build()));
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) {
        return rest.getForEntity(url, String.class).getStatusCode().value();
    }

    @Override
    public int post(String url, String body) {
        return rest.postForEntity(url, body, String.class).getStatusCode().value();
    }
}
