package dev.weft.smoke.app.apacheasync4;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.util.EntityUtils;

/**
 * The standard client calls with Apache HttpAsyncClient 4.1 as {@code HttpAsyncClients.custom()}
 * builds it (1 s socket timeout): {@code execute} with a {@code FutureCallback}, whose outcome the
 * app waits for; the POST passes none and waits on the future. Then a call the app cancels through
 * its future. A callback the agent failed to call through would leave the app hanging, so a missing
 * {@code READY} shows that too.
 */
public final class Main implements Scenarios.CancellingClient {

    private final CloseableHttpAsyncClient client;

    private Main() throws Exception {
        client = HttpAsyncClients.custom()
                .setSSLContext(TrustAll.sslContext())
                .setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .setDefaultRequestConfig(RequestConfig.custom().setSocketTimeout(1000).setConnectTimeout(1000).build())
                .build();
        client.start();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) throws Exception {
        return outcome(call(new HttpGet(url)));
    }

    /** Without a callback: the caller waits on the returned future, which the client completes through the same path. */
    @Override
    public int post(String url, String body) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            HttpResponse response = client.execute(post, null).get(10, TimeUnit.SECONDS);
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public String getCancelled(String url) throws Exception {
        CompletableFuture<HttpResponse> outcome = new CompletableFuture<>();
        Future<HttpResponse> future = client.execute(new HttpGet(url), callback(outcome));
        Thread.sleep(200);
        future.cancel(true);
        try {
            outcome.get(10, TimeUnit.SECONDS);
            return "not cancelled";
        } catch (java.util.concurrent.CancellationException e) {
            return "cancelled";
        }
    }

    private CompletableFuture<HttpResponse> call(HttpUriRequest request) {
        CompletableFuture<HttpResponse> outcome = new CompletableFuture<>();
        client.execute(request, callback(outcome));
        return outcome;
    }

    private static FutureCallback<HttpResponse> callback(CompletableFuture<HttpResponse> outcome) {
        return new FutureCallback<HttpResponse>() {
            @Override
            public void completed(HttpResponse response) {
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
        };
    }

    private static int outcome(CompletableFuture<HttpResponse> outcome) throws Exception {
        try {
            HttpResponse response = outcome.get(10, TimeUnit.SECONDS);
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
