package dev.weft.smoke.app.jetty12client;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The standard client calls with Jetty 12's {@code HttpClient} and its blocking {@code send()},
 * with a 1 s idle timeout per request (Jetty's read timeout). Jetty follows the 302 itself, in a
 * second request of the same conversation.
 */
public class Main implements Scenarios.Client {

    final HttpClient client;

    Main() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(TrustAll.sslContext());
        tls.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.start();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) throws Exception {
        return send(client.newRequest(url).method(HttpMethod.GET).idleTimeout(1, TimeUnit.SECONDS));
    }

    @Override
    public int post(String url, String body) throws Exception {
        return send(client.newRequest(url).method(HttpMethod.POST).idleTimeout(1, TimeUnit.SECONDS)
                .body(new StringRequestContent("application/json", body)));
    }

    int send(Request request) throws Exception {
        try {
            return request.send().getStatus();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
