package dev.weft.agent.endpoint;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.metrics.Metrics;
import dev.weft.agent.page.LivePage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.zip.GZIPOutputStream;

/**
 * The scrape endpoint:
 *
 * <pre>
 * GET /metrics     the registry in the format Accept prefers (see Negotiation), gzip by Accept-Encoding
 * GET /            the live page for a person (see LivePage): HTML, no script; ?refresh=off stops its reload
 * GET /-/healthy   "Weft is healthy." while the agent runs
 * </pre>
 *
 * <p>A small HTTP/1.1 server of our own ({@link Http1Server}, non-blocking, one loop thread and a few
 * workers), with {@link Scrape} doing the scrape (content negotiation that never fails, gzip,
 * {@code name[]} filters). Why not the JDK's {@code com.sun.net.httpserver}: its configuration ({@code sun.net.httpserver.*}) is read once
 * per JVM, when the first server is created; ours would be created first, in premain, freezing those
 * settings before the application sets its own. Nothing here is JVM-wide.
 *
 * <p>Optional basic auth guards the metrics path and the live page alike (the health path stays open
 * for probes); optional TLS, with or without client certificates, is layered on each accepted
 * connection by the loop. Concurrent scrapes share one rendering ({@link ScrapeCache}), and the live
 * page is rendered within the same budget, so a flood of scrapes or of page reloads cannot take more
 * than a share of one core from the host. (The metrics path is never {@code /}: the configuration
 * wants two characters or more.)
 *
 * <p>The host is never hurt: all threads are daemons, the agent's own, and bounded; slow clients
 * cost a descriptor and a few kilobytes each, within the connection limits of {@link Http1Server}.
 * No response carries exception text.
 */
public final class MetricsEndpoint {

    public static final String HEALTH_PATH = "/-/healthy";
    public static final String PAGE_PATH = "/";
    /**
     * The page's own rules for the browser: no script, no frames, nothing loaded from elsewhere; an
     * application value that slipped through escaping still could not run.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'none'";
    /** From accept to the end of the request head, the TLS handshake included; a scraper needs milliseconds. */
    static final int HEAD_DEADLINE_MILLIS = 5_000;
    /** To render and write a response: room for a slow collector and a large scrape. */
    static final int EXCHANGE_DEADLINE_MILLIS = 60_000;

    private final Http1Server server;
    private final String metricsPath;
    private final Metrics metrics;
    private final ScrapeCache scrapes;
    private final Scrape scrape;
    private final LivePage page;
    private final BasicAuth auth;
    private final ServerTls tls;

    private MetricsEndpoint(String host, int port, String metricsPath, Metrics metrics, BasicAuth auth,
                            ServerTls tls, Http1Server.Limits limits, int renderRate) throws IOException {
        this.metricsPath = metricsPath;
        this.metrics = metrics;
        this.auth = auth;
        this.tls = tls;
        this.scrape = new Scrape(metrics.registry(), new ProtobufWriter(metrics.createdTimestamps()),
                metrics.createdTimestamps());
        this.scrapes = new ScrapeCache(renderRate);
        this.page = LivePage.start(metrics, metricsPath);
        try {
            this.server = Http1Server.start(new InetSocketAddress(host, port), this::handle, tls, limits);
        } catch (IOException | RuntimeException e) {
            page.stop();
            throw e;
        }
    }

    /** Binds and starts serving plain HTTP without authentication, with the default limits. */
    public static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics) throws IOException {
        return start(host, port, metricsPath, metrics, null, null, limits(Config.defaults()), Config.defaults().scrapeRenderRate());
    }

    /**
     * Reads the TLS stores named by the configuration and checks the auth settings, without binding:
     * call it at start-up so a bad store disables the agent. Null when neither is configured.
     */
    public static Security security(Config config) throws ConfigException {
        BasicAuth auth = BasicAuth.load(config);
        ServerTls tls = ServerTls.load(config);
        return auth == null && tls == null ? null : new Security(auth, tls);
    }

    /** Binds and starts serving as configured; a busy port or unknown host throws {@link IOException}. */
    public static MetricsEndpoint start(Config config, Metrics metrics, Security security) throws IOException {
        return start(config.host(), config.port(), config.metricsPath(), metrics,
                security == null ? null : security.auth, security == null ? null : security.tls, limits(config),
                config.scrapeRenderRate());
    }

    static MetricsEndpoint start(String host, int port, String metricsPath, Metrics metrics, BasicAuth auth,
                                 ServerTls tls, Http1Server.Limits limits, int renderRate) throws IOException {
        return new MetricsEndpoint(host, port, metricsPath, metrics, auth, tls, limits, renderRate);
    }

    static Http1Server.Limits limits(Config config) {
        return new Http1Server.Limits(config.maxConnections(), config.maxConnectionsPerAddress(),
                HEAD_DEADLINE_MILLIS, config.idleTimeoutSeconds() * 1000L, EXCHANGE_DEADLINE_MILLIS);
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.port();
    }

    /** Connections open now, for tests. */
    int openConnections() {
        return server.openConnections();
    }

    /** "https" with TLS, else "http", for the start-up line. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    public void stop() throws IOException {
        page.stop();
        server.stop();
    }

    private Response handle(RequestHead head) throws IOException {
        Http1Exchange exchange = new Http1Exchange(head);
        String method = exchange.getMethod();
        String path = exchange.getRequestPath();
        // a body is never read, so a connection that announced one cannot carry another request
        boolean body = head.declaresBody();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Response.text(405, "Only GET and HEAD are served.\n", body).withHeader("Allow", "GET, HEAD");
        }
        if (body) {
            return Response.text(413, "A request body is not accepted.\n", true);
        }
        if (path.equals(metricsPath) || path.equals(PAGE_PATH)) {
            if (auth != null && !auth.allows(exchange.header("authorization"))) {
                return Response.text(401, "Authentication required.\n")
                        .withHeader("WWW-Authenticate", BasicAuth.CHALLENGE);
            }
            boolean metricsPage = path.equals(metricsPath);
            try {
                return metricsPage ? scrapes.render(exchange, scrape, seconds -> metrics.health().scraped(seconds))
                        : scrapes.render(exchange, this::page, seconds -> { });
            } catch (RuntimeException | Error e) {
                // the cause goes to the log, never to the client: it may name classes, paths or values
                FailureLog.warn(metricsPage ? "scrape" : "page", "metrics endpoint: "
                        + (metricsPage ? "the scrape" : "the live page") + " failed: " + e);
                return Response.text(500, "Weft could not produce the " + (metricsPage ? "scrape" : "page")
                        + "; the agent's log says why.\n");
            }
        }
        if (path.equals(HEALTH_PATH)) {
            return Response.text(200, "Weft is healthy.\n");
        }
        if (auth != null) {
            // with auth on, an unknown path names neither the metrics path nor whether auth is on
            return Response.text(404, "Not found.\n");
        }
        return Response.text(404, "Weft serves " + PAGE_PATH + ", " + metricsPath + " and " + HEALTH_PATH + ".\n");
    }

    /** The live page, gzipped when the browser takes it; its headers keep it from running or framing anything. */
    private void page(Http1Exchange exchange) throws IOException {
        String[] refresh = exchange.getParameterValues("refresh");
        byte[] html = page.render(refresh == null || !"off".equals(refresh[0]));
        exchange.setHeader("Content-Type", "text/html; charset=utf-8");
        exchange.setHeader("Content-Security-Policy", PAGE_POLICY);
        exchange.setHeader("Referrer-Policy", "no-referrer");
        if (Scrape.acceptsGzip(exchange)) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(html.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped, 8192)) {
                gzip.write(html);
            }
            exchange.setHeader("Content-Encoding", "gzip");
            html = zipped.toByteArray();
        }
        exchange.sendHeadersAndGetBody(200, html.length).write(html);
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
            String t = tls == null ? "" : tls.describe();
            String a = auth == null ? "" : "basic auth";
            return t.isEmpty() ? a : a.isEmpty() ? t : t + ", " + a;
        }
    }
}
