package dev.weft.smoke.app.undertow;

import dev.weft.smoke.app.gate.Gate;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Undertow core as embedded applications use it: a {@code RoutingHandler} at the root, another under
 * the {@code /api} prefix of a {@code PathHandler}, and a plain handler under {@code /plain} that has
 * no template. Listens on 127.0.0.1:{@code args[0]}; prints READY. With {@code args[1]} and
 * {@code args[2]}, the worker has {@code args[1]} threads and {@code /hold} keeps a worker thread until
 * the {@link Gate} on port {@code args[2]} opens.
 */
public final class UndertowMain {

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

    public static void main(String[] args) throws Exception {
        RoutingHandler root = Handlers.routing()
                .get("/items/{id}", exchange -> exchange.getResponseSender().send("item " + param(exchange, "id")))
                .get("/boom", exchange -> {
                    throw new IllegalStateException("boom");
                })
                .get("/fail", exchange -> {
                    exchange.setStatusCode(500);
                    exchange.getResponseSender().send("failed");
                })
                // answered from another thread 300 ms after the handler returned
                .get("/later/{id}", exchange -> exchange.dispatch(SameThreadExecutor.INSTANCE, () ->
                        LATER.schedule(() -> exchange.getResponseSender().send("later " + param(exchange, "id")),
                                300, TimeUnit.MILLISECONDS)))
                // moved off the I/O thread to a worker, which blocks for 300 ms
                .get("/blocking", new HttpHandler() {
                    @Override
                    public void handleRequest(HttpServerExchange exchange) throws Exception {
                        if (exchange.isInIoThread()) {
                            exchange.dispatch(this);
                            return;
                        }
                        Thread.sleep(300);
                        exchange.getResponseSender().send("blocked");
                    }
                });
        RoutingHandler api = Handlers.routing()
                .get("/orders/{orderId}", exchange ->
                        exchange.getResponseSender().send("order " + param(exchange, "orderId")));
        PathHandler paths = Handlers.path(root)
                .addPrefixPath("/api", api)
                .addPrefixPath("/plain", exchange -> exchange.getResponseSender().send("plain " + exchange.getRelativePath()));
        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(Integer.parseInt(args[0]), "127.0.0.1")
                .setHandler(paths);
        if (args.length > 2) {
            builder.setWorkerThreads(Integer.parseInt(args[1]));
            Gate.listen(Integer.parseInt(args[2]));
            root.get("/hold", new HttpHandler() {
                @Override
                public void handleRequest(HttpServerExchange exchange) throws Exception {
                    if (exchange.isInIoThread()) {
                        exchange.dispatch(this);
                        return;
                    }
                    Gate.pass();
                    exchange.getResponseSender().send("released");
                }
            });
        }
        Undertow server = builder.build();
        server.start();
        System.out.println("READY");
    }

    private static String param(HttpServerExchange exchange, String name) {
        return exchange.getQueryParameters().get(name).getFirst();
    }
}
