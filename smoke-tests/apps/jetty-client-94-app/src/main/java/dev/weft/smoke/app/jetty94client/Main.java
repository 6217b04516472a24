package dev.weft.smoke.app.jetty94client;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.util.StringContentProvider;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The standard client calls with Jetty 9.4's {@code HttpClient} and its blocking {@code send()},
 * with a 1 s idle timeout per request (Jetty's read timeout). Jetty follows the 302 itself, in a
 * second request of the same conversation.
 */
public final class Main implements Scenarios.Client {

    private final HttpClient client;

    private Main() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(TrustAll.sslContext());
        tls.setEndpointIdentificationAlgorithm(null);
        client = new HttpClient(tls);
        client.start();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) throws Exception {
        return send(client.newRequest(url).method(HttpMethod.GET));
    }

    @Override
    public int post(String url, String body) throws Exception {
        return send(client.newRequest(url).method(HttpMethod.POST)
                .content(new StringContentProvider("application/json", body, StandardCharsets.UTF_8)));
    }

    private static int send(Request request) throws Exception {
        try {
            return request.idleTimeout(1, TimeUnit.SECONDS).send().getStatus();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
