package dev.weft.smoke.app.helidon.se;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * Helidon 4 SE on 127.0.0.1:{@code args[0]}, routed as its users route: path patterns, a service
 * under a prefix, a filter that answers 401 itself, a handler that throws, a route that passes the
 * request on with {@code next()}, handlers that block their virtual thread. Prints READY.
 */
public final class HelidonSeMain {

    public static void main(String[] args) {
        HttpService orders = rules -> rules
                .get("/orders/{orderId}", (req, res) -> res.send("order " + req.path().pathParameters().get("orderId")));
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .routing(HttpRouting.builder()
                        .addFilter((chain, req, res) -> {
                            if (req.path().path().startsWith("/guarded") && !req.headers().contains(
                                    io.helidon.http.HeaderNames.AUTHORIZATION)) {
                                res.status(Status.UNAUTHORIZED_401).send("who are you\n");
                            } else {
                                chain.proceed();
                            }
                        })
                        .get("/hello", (req, res) -> res.send("hello\n"))
                        .post("/hello", (req, res) -> res.send("got " + req.content().as(String.class).length() + "\n"))
                        .get("/items/{id}", (req, res) -> {
                            String id = req.path().pathParameters().get("id");
                            if (id.equals("0")) {
                                res.status(Status.NOT_FOUND_404).send("no item 0\n");
                            } else {
                                res.send("item " + id);
                            }
                        })
                        .register("/api", orders)
                        .get("/guarded", (req, res) -> res.send("welcome\n"))
                        .get("/slow", (req, res) -> {
                            Thread.sleep(300);
                            res.send("slow\n");
                        })
                        .get("/boom", (req, res) -> {
                            throw new IllegalStateException("boom");
                        })
                        .get("/teapot", (req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503).send("later\n"))
                        .get("/files/*", (req, res) -> res.next()))
                .build()
                .start();
        System.out.println("READY");
    }
}
