package dev.weft.smoke.app.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x 4 as its users write it: a Vert.x Web router on 127.0.0.1:{@code args[0]}, and a bare core
 * server (a request handler, no router) on 127.0.0.1:{@code args[2]}; {@code args[1]} is the port of
 * the downstream the core HttpClient calls ({@code /call/:path} relays {@code GET /path} there and
 * answers with what came back, or the error's class), {@code args[3]} a port where connections are
 * refused ({@code /call-refused}). Prints READY when both serve.
 */
public final class VertxApp {

    private VertxApp() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int downstreamPort = Integer.parseInt(args[1]);
        int corePort = Integer.parseInt(args[2]);
        int refusedPort = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(downstreamPort));

        Router router = Router.router(vertx);
        // registered before /items/:id, which would match it too
        router.get("/items/boom").handler(ctx -> {
            throw new IllegalStateException("boom");
        });
        // answered from a timer, long after the handler returned
        router.get("/items/slow/:ms").handler(ctx -> {
            long ms = Long.parseLong(ctx.pathParam("ms"));
            vertx.setTimer(ms, t -> ctx.response().end("slow " + ms + "\n"));
        });
        // never answered: a request to it ends only when its client goes away
        router.get("/items/hang").handler(ctx -> System.out.println("HANGING"));
        router.get("/items/:id").handler(ctx -> ctx.response().end("item " + ctx.pathParam("id") + "\n"));
        router.post("/items").handler(BodyHandler.create()).handler(ctx ->
                ctx.response().setStatusCode(201).end("created " + ctx.body().length() + "\n"));
        // a sub-router: its routes are under the mount route's path
        Router api = Router.router(vertx);
        api.get("/orders/:orderId").handler(ctx -> ctx.response().end("order " + ctx.pathParam("orderId") + "\n"));
        api.get("/items/:itemId").handler(ctx -> ctx.response().end("api item " + ctx.pathParam("itemId") + "\n"));
        router.route("/api/*").subRouter(api);
        router.get("/call/:path").handler(ctx -> relay(ctx, client, new RequestOptions()
                .setURI("/" + ctx.pathParam("path")).setTimeout(1000).setFollowRedirects(true)));
        router.get("/call-refused").handler(ctx -> relay(ctx, client, new RequestOptions()
                .setPort(refusedPort).setURI("/ok")));

        HttpServer web = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(router);
        HttpServer core = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(corePort))
                .requestHandler(request -> {
                    if (request.path().startsWith("/orders/")) {
                        request.response().putHeader("content-type", "text/plain").end("order\n");
                    } else {
                        request.response().setStatusCode(404).end();
                    }
                });
        Future.all(web.listen(), core.listen()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("READY");
    }

    /** GET through the client, answering "status body" or "failed ExceptionClass". */
    private static void relay(RoutingContext ctx, HttpClient client, RequestOptions options) {
        client.request(options.setMethod(HttpMethod.GET))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> line(response, body.toString())))
                .onComplete(result -> ctx.response().end(result.succeeded()
                        ? result.result() : "failed " + result.cause().getClass().getName() + "\n"));
    }

    private static String line(HttpClientResponse response, String body) {
        return response.statusCode() + " " + body + "\n";
    }
}
