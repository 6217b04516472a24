package dev.weft.agent.endpoint;

import dev.weft.agent.Log;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scrape endpoint:
 *
 * <pre>
 * GET /metrics     the registry: Prometheus text or OpenMetrics by Accept, gzip by Accept-Encoding
 * GET /-/healthy   "Weft is healthy." while the agent runs
 * </pre>
 *
 * <p>A small HTTP/1.1 server of our own on a {@link ServerSocket}, with the Prometheus client's
 * {@link PrometheusScrapeHandler} doing the scrape. Why not the JDK's {@code com.sun.net.httpserver}:
 * its configuration ({@code sun.net.httpserver.*}) is read once per JVM, when the first server is
 * created; ours would be created first, in premain, freezing those settings before the application
 * sets its own. Nothing here is JVM-wide.
 *
 * <p>All threads are daemons, so a finished application is never kept alive. Reads time out and the
 * request head is bounded, so a slow or hostile client holds one of two worker threads for at most
 * {@value #READ_TIMEOUT_MILLIS} ms; connections beyond what the workers and a short queue take are
 * closed at once.
 */
public final class MetricsEndpoint {

    public static final String HEALTH_PATH = "/-/healthy";
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final String metricsPath;
    private final Metrics metrics;
    private final PrometheusScrapeHandler scrape;

    private MetricsEndpoint(ServerSocket server, String metricsPath, Metrics metrics) {
        this.server = server;
        this.metricsPath = metricsPath;
        this.metrics = metrics;
        this.scrape = new PrometheusScrapeHandler(metrics.properties(), metrics.registry());
        this.workers = new ThreadPoolExecutor(0, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<Runnable>(16),
                new DaemonThreads("weft-metrics-"));
    }

    /** Binds and starts serving; a busy port or unknown host throws {@link IOException}. */
    public static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(host, port), 50);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(socket, metricsPath, metrics);
        new DaemonThreads("weft-metrics-accept").newThread(endpoint::acceptLoop).start();
        return endpoint;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.getLocalPort();
    }

    public void stop() throws IOException {
        server.close();
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            final Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    Log.debug("metrics endpoint: accept failed: " + e);
                }
                continue;
            }
            try {
                workers.execute(() -> serve(connection));
            } catch (RejectedExecutionException busy) {
                closeQuietly(connection);
            }
        }
    }

    private void serve(Socket connection) {
        try {
            connection.setSoTimeout(READ_TIMEOUT_MILLIS);
            Http1Exchange exchange = Http1Exchange.read(connection);
            if (exchange != null) {
                dispatch(exchange);
            }
        } catch (SocketException | java.net.SocketTimeoutException gone) {
            // the scraper went away or stalled: nothing to answer
        } catch (Throwable t) {
            Log.debug("metrics endpoint: request failed: " + t);
        } finally {
            closeQuietly(connection);
        }
    }

    private void dispatch(Http1Exchange exchange) throws IOException {
        String method = exchange.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.setHeader("Allow", "GET, HEAD");
            exchange.respond(405, "Only GET and HEAD are served.\n");
        } else if (exchange.getRequestPath().equals(metricsPath)) {
            long start = System.nanoTime();
            try {
                scrape.handleRequest(exchange);
                exchange.finish();
            } catch (RuntimeException | Error e) {
                exchange.discardResponse();
                exchange.respond(500, "Weft could not produce the scrape: " + e + "\n");
                throw e;
            } finally {
                metrics.health().scraped((System.nanoTime() - start) / 1e9);
            }
        } else if (exchange.getRequestPath().equals(HEALTH_PATH)) {
            exchange.respond(200, "Weft is healthy.\n");
        } else {
            exchange.respond(404, "Weft serves " + metricsPath + " and " + HEALTH_PATH + ".\n");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        }
    }
}
