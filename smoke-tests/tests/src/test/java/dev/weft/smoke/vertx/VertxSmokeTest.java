package dev.weft.smoke.vertx;

import static dev.weft.smoke.HttpSeries.awaitSeries;
import static dev.weft.smoke.HttpSeries.series;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vert.x 4.5 as its users embed it: Vert.x Web routes ({@code /items/:id} is {@code /items/{id}}, a
 * sub-router's under its mount), the core HttpClient to the WireMock downstream, and a bare core
 * server (a request handler, no router), whose routes come from the path heuristic.
 */
class VertxSmokeTest extends VertxServerSmokeTest {

    /** The port of each app's bare core server, by the port of its router. */
    private final Map<Integer, Integer> corePorts = new HashMap<>();

    @Override
    AgentJvm.Builder app(int port, int downstreamPort, int refusedPort) throws Exception {
        int corePort = Ports.free();
        corePorts.put(port, corePort);
        return AgentJvm.app("vertx-app", "dev.weft.smoke.app.vertx.VertxApp")
                .arg(port).arg(downstreamPort).arg(corePort).arg(refusedPort);
    }

    @Override
    boolean hasClient() {
        return true;
    }


    @Test
    void aSubRoutersRoutesAreUnderItsMount() throws Exception {
        assertEquals("api item 42\n", apps.get("/api/items/42").body());
        assertEquals(404, apps.get("/api/nothing/here").statusCode());
        awaitSeries(app, "/api/items/{itemId}", Map.of(series("GET", "200", ""), 1.0));
    }

    @Test
    void http2RequestsAreRecordedLikeHttp1() throws Exception {
        // h2c: the first request upgrades the connection, the next ones are streams on it
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> last = null;
        for (int id = 1; id <= 3; id++) {
            URI order = URI.create("http://127.0.0.1:" + apps.appPort() + "/api/orders/" + id);
            last = h2.send(HttpRequest.newBuilder(order).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("order " + id + "\n", last.body());
        }
        assertEquals(HttpClient.Version.HTTP_2, last.version());
        awaitSeries(app, "/api/orders/{orderId}", Map.of(series("GET", "200", ""), 3.0));
    }

    @Test
    void aBareCoreServerHasThePathHeuristic() throws Exception {
        for (String path : new String[] {"/orders/12345", "/orders/67890", "/else"}) {
            HttpResponse<String> with = Http.get("http://127.0.0.1:" + corePorts.get(apps.appPort()) + path);
            HttpResponse<String> without = Http.get("http://127.0.0.1:" + corePorts.get(apps.referencePort()) + path);
            assertEquals(without.statusCode(), with.statusCode(), path);
            assertEquals(without.body(), with.body(), path);
        }
        awaitSeries(app, "/orders/{id}", Map.of(series("GET", "200", ""), 2.0));
    }
}
