package dev.weft.smoke.app.okhttp;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The standard client calls with OkHttp's synchronous {@code Call.execute()}. Built against OkHttp
 * 3.14 (okhttp-3-app) and 4.12 (okhttp-4-app): the API used here is the same in both.
 */
public class ExecuteMain implements Scenarios.Client {

    static final MediaType JSON = MediaType.parse("application/json");

    final OkHttpClient client;

    ExecuteMain() throws Exception {
        client = new OkHttpClient.Builder()
                .readTimeout(1, TimeUnit.SECONDS)
                .sslSocketFactory(TrustAll.sslContext().getSocketFactory(), TrustAll.MANAGER)
                .hostnameVerifier((host, session) -> true)
                .build();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new ExecuteMain());
    }

    @Override
    public int get(String url) throws Exception {
        return call(new Request.Builder().url(url).build());
    }

    @Override
    public int post(String url, String body) throws Exception {
        return call(new Request.Builder().url(url).post(RequestBody.create(JSON, body)).build());
    }

    int call(Request request) throws Exception {
        try (Response response = client.newCall(request).execute()) {
            response.body().string();
            return response.code();
        }
    }
}
