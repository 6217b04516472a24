package dev.weft.smoke.app.nested;

import dev.weft.smoke.client.AgentReady;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * One client call made inside another on the same thread, as a client built on another client
 * does: an OkHttp {@code GET /ok} whose application interceptor first makes an Apache HttpClient 5
 * {@code PUT /any}. Then the same {@code PUT /any} once on its own, showing HttpClient 5 is recorded
 * in this JVM when it is the outermost call. Argument: the downstream's HTTP port.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0];
        CloseableHttpClient inner = HttpClients.createDefault();
        OkHttpClient outer = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    try {
                        put(inner, base + "/any");
                    } catch (Exception e) {
                        throw new java.io.IOException(e);
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        AgentReady.await();
        try (Response response = outer.newCall(new Request.Builder().url(base + "/ok").build()).execute()) {
            System.out.println("GET /ok through OkHttp -> " + response.code());
        }
        System.out.println("PUT /any alone -> " + put(inner, base + "/any"));
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static int put(CloseableHttpClient client, String url) throws Exception {
        return client.execute(new HttpPut(url), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }
}
