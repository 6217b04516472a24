package dev.weft.smoke.app.httpclient;

import dev.weft.smoke.client.AgentReady;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpResponse;

/**
 * Both JDK clients in use before the agent is attached, so that their classes are loaded and must
 * be retransformed. Argument: the downstream's HTTP port. Calls {@code /ok} with each client and
 * prints {@code READY}; once the agent is attached and ready, calls {@code /unavailable} with
 * {@code HttpClient} and {@code /missing} with {@code HttpURLConnection} and prints {@code DONE}.
 */
public final class LoadedBeforeTheAgent {

    private LoadedBeforeTheAgent() {}

    public static void main(String[] args) throws Exception {
        String http = "http://127.0.0.1:" + args[0];
        System.out.println("before, HttpClient -> " + JdkClient.CLIENT.send(JdkClient.request(http + "/ok").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        System.out.println("before, HttpURLConnection -> "
                + ((HttpURLConnection) new URL(http + "/ok").openConnection()).getResponseCode());
        System.out.println("READY");
        while (true) {
            try {
                AgentReady.await();
                break;
            } catch (ClassNotFoundException notAttachedYet) {
                Thread.sleep(50);
            }
        }
        System.out.println("after, HttpClient -> " + JdkClient.CLIENT.send(
                JdkClient.request(http + "/unavailable").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        System.out.println("after, HttpURLConnection -> "
                + ((HttpURLConnection) new URL(http + "/missing").openConnection()).getResponseCode());
        System.out.println("DONE");
        Thread.sleep(Long.MAX_VALUE);
    }
}
