package dev.weft.agent.endpoint;

import dev.weft.agent.Log;
import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.metrics.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The scrape endpoint:
 *
 * <pre>
 * GET /metrics     the registry in the format Accept prefers (see Negotiation), gzip by Accept-Encoding
 * GET /-/healthy   "Weft is healthy." while the agent runs
 * </pre>
 *
 * <p>A small HTTP/1.1 server of our own on a {@link ServerSocket}, with {@link Scrape} doing the
 * scrape (content negotiation that never fails, gzip, {@code name[]} filters). Why not the JDK's {@code com.sun.net.httpserver}:
 * its configuration ({@code sun.net.httpserver.*}) is read once per JVM, when the first server is
 * created; ours would be created first, in premain, freezing those settings before the application
 * sets its own. Nothing here is JVM-wide.
 *
 * <p>Optional basic auth guards the metrics path (the health path stays open for probes); optional
 * TLS, with or without client certificates, is layered on each accepted socket by its worker.
 *
 * <p>The host is never hurt: all threads are daemons, the agent's own, and bounded
 * ({@value #MAX_WORKERS} workers, a queue of {@value #QUEUE}; connections beyond that are closed
 * at once). A connection must complete its TLS handshake and send its request head within
 * {@value #HEAD_DEADLINE_MILLIS} ms in total and its whole exchange within
 * {@value #EXCHANGE_DEADLINE_MILLIS} ms, or a timer closes it, so a client that trickles bytes,
 * stalls a handshake or never reads its answer frees its worker within a bounded time.
 */
public final class MetricsEndpoint {

    public static final String HEALTH_PATH = "/-/healthy";
    static final int MAX_WORKERS = 16;
    static final int QUEUE = 8;
    /** Per read; the deadlines below bound the total. */
    static final int READ_TIMEOUT_MILLIS = 5_000;
    /** From accept to the end of the request head, the TLS handshake included; a scraper needs milliseconds. */
    static final int HEAD_DEADLINE_MILLIS = 5_000;
    /** From accept to the last byte of the response: room for a slow collector and a large scrape. */
    static final int EXCHANGE_DEADLINE_MILLIS = 60_000;

    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final String metricsPath;
    private final Metrics metrics;
    private final Scrape scrape;
    private final BasicAuth auth;
    private final ServerTls tls;

    private MetricsEndpoint(ServerSocket server, String metricsPath, Metrics metrics, BasicAuth auth, ServerTls tls) {
        this.server = server;
        this.metricsPath = metricsPath;
        this.metrics = metrics;
        this.auth = auth;
        this.tls = tls;
        this.scrape = new Scrape(metrics.registry(), new ProtobufWriter(metrics.createdTimestamps()),
                metrics.createdTimestamps());
        // core = max: a ThreadPoolExecutor only grows past its core size once the queue is full, so a
        // smaller core would leave one slow client in front of every scrape. Idle workers end.
        this.workers = new ThreadPoolExecutor(MAX_WORKERS, MAX_WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<Runnable>(QUEUE), new DaemonThreads("weft-metrics-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.deadlines = new ScheduledThreadPoolExecutor(1, new DaemonThreads("weft-metrics-deadline"));
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Binds and starts serving plain HTTP without authentication. */
    public static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics) throws IOException {
        return start(host, port, metricsPath, metrics, null, null);
    }

    /**
     * Reads the TLS stores named by the configuration and checks the auth settings, without binding:
     * call it at start-up so a bad store disables the agent. Null when neither is configured.
     */
    public static Security security(Config config) throws ConfigException {
        BasicAuth auth = config.authUser() == null ? null : new BasicAuth(config.authUser(), config.authPassword());
        ServerTls tls = ServerTls.load(config);
        return auth == null && tls == null ? null : new Security(auth, tls);
    }

    /** Binds and starts serving; a busy port or unknown host throws {@link IOException}. */
    public static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics, Security security)
            throws IOException {
        return security == null ? start(host, port, metricsPath, metrics, null, null)
                : start(host, port, metricsPath, metrics, security.auth, security.tls);
    }

    static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics, BasicAuth auth,
                                 ServerTls tls) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(host, port), 50);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(socket, metricsPath, metrics, auth, tls);
        new DaemonThreads("weft-metrics-accept").newThread(endpoint::acceptLoop).start();
        return endpoint;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** "https" with TLS, else "http", for the start-up line. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    public void stop() throws IOException {
        server.close();
        workers.shutdownNow();
        deadlines.shutdownNow();
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
            // the clock starts at accept, so time spent queued counts against the client too
            final ScheduledFuture<?> headDeadline;
            final ScheduledFuture<?> exchangeDeadline;
            try {
                headDeadline = closeAt(connection, HEAD_DEADLINE_MILLIS);
                exchangeDeadline = closeAt(connection, EXCHANGE_DEADLINE_MILLIS);
            } catch (RejectedExecutionException stopped) {
                closeQuietly(connection);
                continue;
            }
            try {
                workers.execute(() -> serve(connection, headDeadline, exchangeDeadline));
            } catch (RejectedExecutionException busy) {
                headDeadline.cancel(false);
                exchangeDeadline.cancel(false);
                closeQuietly(connection);
            }
        }
    }

    /** Closing the plain socket unblocks a worker stuck in a read, a TLS handshake or a write. */
    private ScheduledFuture<?> closeAt(final Socket connection, long millis) {
        return deadlines.schedule(() -> closeQuietly(connection), millis, TimeUnit.MILLISECONDS);
    }

    private void serve(Socket connection, ScheduledFuture<?> headDeadline, ScheduledFuture<?> exchangeDeadline) {
        Socket socket = connection;
        try {
            connection.setSoTimeout(READ_TIMEOUT_MILLIS);
            if (tls != null) {
                SSLSocket secure = tls.wrap(connection);
                socket = secure;
                secure.startHandshake();
            }
            Http1Exchange exchange = Http1Exchange.read(socket);
            headDeadline.cancel(false);
            if (exchange != null) {
                dispatch(exchange);
            }
        } catch (SocketException | java.net.SocketTimeoutException | SSLException gone) {
            // the scraper went away, stalled, was cut off at a deadline or failed the handshake
            Log.debug("metrics endpoint: connection dropped: " + gone);
        } catch (Throwable t) {
            Log.debug("metrics endpoint: request failed: " + t);
        } finally {
            // closed before the deadlines are cancelled: a TLS close_notify cannot hang the worker either
            closeQuietly(socket);
            closeQuietly(connection);
            headDeadline.cancel(false);
            exchangeDeadline.cancel(false);
        }
    }

    private void dispatch(Http1Exchange exchange) throws IOException {
        String method = exchange.getMethod();
        String path = exchange.getRequestPath();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.setHeader("Allow", "GET, HEAD");
            exchange.respond(405, "Only GET and HEAD are served.\n");
        } else if (exchange.declaresBody()) {
            exchange.respond(413, "A request body is not accepted.\n");
        } else if (path.equals(metricsPath)) {
            if (auth != null && !auth.allows(exchange.header("authorization"))) {
                exchange.setHeader("WWW-Authenticate", BasicAuth.CHALLENGE);
                exchange.respond(401, "Authentication required.\n");
                return;
            }
            long start = System.nanoTime();
            try {
                scrape.handle(exchange);
                exchange.finish();
            } catch (RuntimeException | Error e) {
                // the cause goes to the agent's log, not to whoever can reach the endpoint
                exchange.discardResponse();
                exchange.respond(500, "Weft could not produce the scrape; WEFT_LOG_LEVEL=debug logs why.\n");
                throw e;
            } finally {
                metrics.health().scraped((System.nanoTime() - start) / 1e9);
            }
        } else if (path.equals(HEALTH_PATH)) {
            exchange.respond(200, "Weft is healthy.\n");
        } else if (auth != null) {
            // with auth on, an unknown path names neither the metrics path nor whether auth is on
            exchange.respond(404, "Not found.\n");
        } else {
            exchange.respond(404, "Weft serves " + metricsPath + " and " + HEALTH_PATH + ".\n");
        }
    }

    /** Basic auth and TLS as checked at start-up, handed to {@link #start}. */
    public static final class Security {
        private final BasicAuth auth;
        private final ServerTls tls;

        private Security(BasicAuth auth, ServerTls tls) {
            this.auth = auth;
            this.tls = tls;
        }

        /** For the start-up line, e.g. "basic auth, mutual TLS"; never a secret. */
        public String describe() {
            String t = tls == null ? "" : tls.clientCertificateRequired() ? "mutual TLS" : "TLS";
            String a = auth == null ? "" : "basic auth";
            return t.isEmpty() ? a : a.isEmpty() ? t : t + ", " + a;
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
