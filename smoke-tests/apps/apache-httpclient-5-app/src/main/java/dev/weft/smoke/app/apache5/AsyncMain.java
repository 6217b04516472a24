package dev.weft.smoke.app.apache5;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The standard client calls with the Apache HttpClient 5 async client: {@code execute} with a
 * {@code FutureCallback}, whose outcome the app waits for (the POST passes none and waits on the
 * future). A callback the agent failed to call through would leave the app hanging, so a missing
 * {@code READY} shows that too.
 */
public final class AsyncMain implements Scenarios.Client {

    /** How long the client waits before it retries a 503 (ApacheHttpClient5AsyncSmokeTest knows it too). */
    static final long RETRY_WAIT_MILLIS = 300;

    private final CloseableHttpAsyncClient client;

    private AsyncMain() throws Exception {
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(TrustAll.sslContext())
                                .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(1)).build())
                // The default 1 s wait before retrying a 503 races the 1 s response timeout, which the
                // async client applies to the idle connection meanwhile; wait less, so the retry happens.
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ofMilliseconds(RETRY_WAIT_MILLIS)))
                .build();
        client.start();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new AsyncMain());
    }

    @Override
    public int get(String url) throws Exception {
        return call(SimpleRequestBuilder.get(url).build());
    }

    /** Without a callback: the caller waits on the returned future, which the client completes through the same path. */
    @Override
    public int post(String url, String body) throws Exception {
        SimpleHttpRequest request = SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON).build();
        try {
            return client.execute(request, null).get(10, TimeUnit.SECONDS).getCode();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private int call(SimpleHttpRequest request) throws Exception {
        CompletableFuture<SimpleHttpResponse> outcome = new CompletableFuture<>();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                outcome.complete(response);
            }

            @Override
            public void failed(Exception error) {
                outcome.completeExceptionally(error);
            }

            @Override
            public void cancelled() {
                outcome.cancel(false);
            }
        });
        try {
            return outcome.get(10, TimeUnit.SECONDS).getCode();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
