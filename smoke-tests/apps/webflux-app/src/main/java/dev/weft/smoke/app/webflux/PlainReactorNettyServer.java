package dev.weft.smoke.app.webflux;

import dev.weft.smoke.app.gate.Gate;
import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty's HTTP server without WebFlux, on 127.0.0.1:{@code args[0]}: {@code GET /orders/{id}}
 * through Reactor Netty's own routes, which have no template the agent reads. Prints READY when up.
 * With {@code args[1]}, {@code GET /block/{tasks}} queues that many tasks on its event loop and then
 * blocks the loop until the {@link Gate} on port {@code args[1]} opens (what a blocking call in a
 * handler does to the requests of every connection on that loop).
 */
public final class PlainReactorNettyServer {

    private PlainReactorNettyServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            Gate.listen(Integer.parseInt(args[1]));
        }
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .route(routes -> {
                    routes.get("/orders/{id}", (request, response) ->
                            response.sendString(Mono.just("order " + request.param("id") + "\n")));
                    if (args.length > 1) {
                        routes.get("/block/{tasks}", (request, response) -> {
                            request.withConnection(connection -> {
                                EventLoop loop = connection.channel().eventLoop();
                                for (int i = Integer.parseInt(request.param("tasks")); i > 0; i--) {
                                    loop.execute(() -> { });
                                }
                            });
                            try {
                                Gate.pass();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return response.sendString(Mono.just("released\n"));
                        });
                    }
                })
                .bindNow();
        System.out.println("READY");
        server.onDispose().block();
    }
}
