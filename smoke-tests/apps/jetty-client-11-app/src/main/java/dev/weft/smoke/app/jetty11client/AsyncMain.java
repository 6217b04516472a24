package dev.weft.smoke.app.jetty11client;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.http.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.util.BufferingResponseListener;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The standard client calls with Jetty 11's {@code HttpClient}, asynchronously: {@code send} with
 * a {@code BufferingResponseListener}, whose {@code onComplete} the app waits for, with a 1 s idle
 * timeout per request. Then a call the app aborts while in flight. A listener the agent failed to
 * call through would leave the app hanging, so a missing {@code READY} shows that too.
 */
public final class AsyncMain implements Scenarios.CancellingClient {

    private final HttpClient client;

    private AsyncMain() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(TrustAll.sslContext());
        tls.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.start();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new AsyncMain());
    }

    @Override
    public int get(String url) throws Exception {
        return outcome(send(client.newRequest(url).method(HttpMethod.GET).idleTimeout(1, TimeUnit.SECONDS)));
    }

    @Override
    public int post(String url, String body) throws Exception {
        return outcome(send(client.newRequest(url).method(HttpMethod.POST).idleTimeout(1, TimeUnit.SECONDS)
                .body(new StringRequestContent("application/json", body))));
    }

    @Override
    public String getCancelled(String url) throws Exception {
        Request request = client.newRequest(url).method(HttpMethod.GET).idleTimeout(10, TimeUnit.SECONDS);
        CompletableFuture<Result> done = send(request);
        Thread.sleep(200);
        request.abort(new CancellationException("cancelled by the application"));
        return String.valueOf(done.get(10, TimeUnit.SECONDS).getFailure());
    }

    private static CompletableFuture<Result> send(Request request) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        request.send(new BufferingResponseListener() {
            @Override
            public void onComplete(Result result) {
                getContentAsString();
                done.complete(result);
            }
        });
        return done;
    }

    private static int outcome(CompletableFuture<Result> done) throws Exception {
        Result result;
        try {
            result = done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
        if (result.isFailed()) {
            throw result.getFailure() instanceof Exception ? (Exception) result.getFailure() : new Exception(result.getFailure());
        }
        return result.getResponse().getStatus();
    }
}
