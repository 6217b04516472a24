package dev.weft.agent.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scrape endpoint: the JDK's built-in HTTP server with the Prometheus client's
 * {@link MetricsHandler} (text or OpenMetrics by {@code Accept}, gzip by {@code Accept-Encoding}).
 *
 * <pre>
 * GET /metrics     the registry
 * GET /-/healthy   "Weft is healthy." while the agent runs
 * </pre>
 *
 * <p>We build the server ourselves rather than use the client's {@code HTTPServer}: that class sets
 * JVM-wide {@code sun.net.httpserver.*} system properties when loaded, which the application's own
 * use of {@code com.sun.net.httpserver} would then inherit. All threads are daemons, so the endpoint
 * never keeps a finished application alive.
 */
public final class MetricsEndpoint {

    public static final String HEALTH_PATH = "/-/healthy";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; a busy port or unknown host throws {@link IOException}. */
    public static MetricsEndpoint start(String host, int port, String metricsPath, final Metrics metrics)
            throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        final MetricsHandler scrape = new MetricsHandler(metrics.properties(), metrics.registry());
        server.createContext(metricsPath, new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                long start = System.nanoTime();
                try {
                    scrape.handle(exchange);
                } finally {
                    metrics.health().scraped((System.nanoTime() - start) / 1e9);
                }
            }
        });
        server.createContext(HEALTH_PATH, new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                byte[] body = "Weft is healthy.\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        // Scrapes are rare and short: two threads, and a bounded queue so a flood cannot pile up memory.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(64), new DaemonThreads("weft-metrics-"),
                new ThreadPoolExecutor.DiscardPolicy());
        server.setExecutor(executor);
        startOnDaemonThread(server);
        return new MetricsEndpoint(server, executor);
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The JDK server's dispatcher thread inherits daemon status from the thread that starts it;
     * starting it from a daemon thread keeps it from holding the JVM open after main returns.
     */
    private static void startOnDaemonThread(final HttpServer server) throws IOException {
        final RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new DaemonThreads("weft-metrics-start").newThread(new Runnable() {
            @Override
            public void run() {
                try {
                    server.start();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }
        });
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw new IOException("could not start the HTTP server", failure[0]);
        }
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
