package dev.weft.smoke.app.jetty12client;

import dev.weft.smoke.client.Scenarios;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The standard client calls with Jetty 12's {@code HttpClient}, asynchronously: {@code send} with a
 * {@code BufferingResponseListener}, whose {@code onComplete} the app waits for. Then a call the app
 * aborts while in flight. A listener the agent failed to call through would leave the app hanging,
 * so a missing {@code READY} shows that too.
 */
public final class AsyncMain extends Main implements Scenarios.CancellingClient {

    private AsyncMain() throws Exception {
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new AsyncMain());
    }

    @Override
    int send(Request request) throws Exception {
        Result result;
        try {
            result = listen(request).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
        if (result.isFailed()) {
            throw result.getFailure() instanceof Exception ? (Exception) result.getFailure() : new Exception(result.getFailure());
        }
        return result.getResponse().getStatus();
    }

    @Override
    public String getCancelled(String url) throws Exception {
        Request request = client.newRequest(url).method(HttpMethod.GET).idleTimeout(10, TimeUnit.SECONDS);
        CompletableFuture<Result> done = listen(request);
        Thread.sleep(200);
        request.abort(new CancellationException("cancelled by the application"));
        return String.valueOf(done.get(10, TimeUnit.SECONDS).getFailure());
    }

    private static CompletableFuture<Result> listen(Request request) {
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
}
