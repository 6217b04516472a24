package dev.weft.bootstrap;

/**
 * The route template a web framework matched for one request, kept for the server instrumentation
 * that records the request. Servers on event loops (Reactor Netty) serve a request on several
 * threads, so the per-thread {@link ServerRecorder#frameworkTemplate} cannot carry it; the server's
 * instrumentation attaches one slot to each request instead, and the framework's advice fills it:
 *
 * <pre>{@code
 * Object slot = channel.attr(AttributeKey.valueOf(RouteSlot.NETTY_ATTRIBUTE)).get(); // WebFlux advice
 * if (slot instanceof RouteSlot) {
 *     ((RouteSlot) slot).matched(contextPath, "/items/{id}");
 * }
 * }</pre>
 *
 * It lives here, on the boot class path, because the two instrumentations (one per library family)
 * share nothing else.
 */
public class RouteSlot {

    /** The name of the Netty channel attribute that holds the slot of the request being served. */
    public static final String NETTY_ATTRIBUTE = "dev.weft.bootstrap.RouteSlot";

    private volatile String basePath;
    private volatile String template;

    /** The framework's template, relative to the base (context) path it serves under. */
    public final void matched(String basePath, String template) {
        this.basePath = basePath;
        this.template = template;
    }

    /** The base path of {@link #template}, or {@code null}. */
    public final String basePath() {
        return basePath;
    }

    /** The template the framework matched, or {@code null} when none did (yet). */
    public final String template() {
        return template;
    }
}
