package dev.weft.smoke.app.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's HTTP server with plain handlers, one context each, and a root context that serves
 * {@code /items/<n>} and answers 404 for everything else. Listens on 127.0.0.1:{@code args[0]};
 * prints READY.
 */
public final class JdkHttpServerMain {

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.matches("/items/[0-9]+")) {
                send(exchange, 200, "item " + path.substring("/items/".length()));
            } else {
                send(exchange, 404, "not found");
            }
        });
        server.createContext("/api/", exchange -> send(exchange, 200, "api " + exchange.getRequestURI().getPath()));
        server.createContext("/boom", exchange -> {
            throw new IllegalStateException("boom");
        });
        server.createContext("/fail", exchange -> send(exchange, 500, "failed"));
        // no body, ended by HttpExchange.close() rather than by closing the body
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // the handler returns at once; another thread answers 300 ms later
        server.createContext("/later", exchange -> LATER.schedule(() -> {
            try {
                send(exchange, 200, "later " + exchange.getRequestURI().getPath());
            } catch (IOException e) {
                exchange.close();
            }
        }, 300, TimeUnit.MILLISECONDS));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("READY");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
