package dev.weft.smoke.app.webflux;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty's HTTP server without WebFlux, on 127.0.0.1:{@code args[0]}: {@code GET /orders/{id}}
 * through Reactor Netty's own routes, which have no template the agent reads. Prints READY when up.
 */
public final class PlainReactorNettyServer {

    private PlainReactorNettyServer() {}

    public static void main(String[] args) {
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .route(routes -> routes.get("/orders/{id}", (request, response) ->
                        response.sendString(Mono.just("order " + request.param("id") + "\n"))))
                .bindNow();
        System.out.println("READY");
        server.onDispose().block();
    }
}
