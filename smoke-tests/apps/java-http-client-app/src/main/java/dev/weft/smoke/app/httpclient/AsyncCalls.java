package dev.weft.smoke.app.httpclient;

import dev.weft.smoke.client.AgentReady;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code sendAsync} in its outcomes, each once: completed, completed with an error status, failed,
 * cancelled by the application; plus a {@code send} on a client that does not follow redirects.
 * Arguments as for the standard scenarios. Prints {@code READY} when every future has settled.
 */
public final class AsyncCalls {

    private AsyncCalls() {}

    public static void main(String[] args) throws Exception {
        String http = "http://127.0.0.1:" + args[0];
        String closed = "http://127.0.0.1:" + args[2];
        AgentReady.await();

        CompletableFuture<HttpResponse<String>> ok = JdkClient.CLIENT.sendAsync(
                JdkClient.request(http + "/ok").build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> unavailable = JdkClient.CLIENT.sendAsync(
                JdkClient.request(http + "/unavailable").build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> refused = JdkClient.CLIENT.sendAsync(
                JdkClient.request(closed + "/ok").build(), HttpResponse.BodyHandlers.ofString());
        // 10 s timeout: only the cancellation below ends this call
        CompletableFuture<HttpResponse<String>> cancelled = JdkClient.CLIENT.sendAsync(
                JdkClient.request(http + "/slow").timeout(java.time.Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("ok -> " + ok.get(10, TimeUnit.SECONDS).statusCode());
        System.out.println("unavailable -> " + unavailable.get(10, TimeUnit.SECONDS).statusCode());
        try {
            refused.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("refused -> " + e);
        }
        Thread.sleep(200);
        System.out.println("cancelled -> " + cancelled.cancel(true));

        HttpClient notFollowing = HttpClient.newBuilder().build(); // the JDK's default: Redirect.NEVER
        System.out.println("redirect not followed -> " + notFollowing.send(
                JdkClient.request(http + "/redirect").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }
}
