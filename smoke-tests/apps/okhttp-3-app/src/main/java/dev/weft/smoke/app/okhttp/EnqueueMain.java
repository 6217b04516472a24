package dev.weft.smoke.app.okhttp;

import dev.weft.smoke.client.Scenarios;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The standard client calls with OkHttp's asynchronous {@code Call.enqueue(Callback)}; the app
 * waits for its callback. A callback the agent failed to call through would leave the app hanging.
 */
public final class EnqueueMain extends ExecuteMain {

    private EnqueueMain() throws Exception {
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new EnqueueMain());
    }

    @Override
    int call(Request request) throws Exception {
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException error) {
                outcome.completeExceptionally(error);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (Response r = response) {
                    r.body().string();
                    outcome.complete(r.code());
                }
            }
        });
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
