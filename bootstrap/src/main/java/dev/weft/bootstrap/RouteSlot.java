package dev.weft.bootstrap;

/**
 * The route template a web framework matched for one request, kept for the server instrumentation
 * that records the request. Servers on event loops (Reactor Netty, Vert.x) serve a request on several
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
 * On Vert.x the slot is a local of the request's own (duplicated) context, under
 * {@link #CONTEXT_LOCAL}: {@code request.context().getLocal(RouteSlot.CONTEXT_LOCAL)}.
 *
 * It lives here, on the boot class path, because the instrumentations (one per library family)
 * share nothing else.
 */
public class RouteSlot {

    /** The name of the Netty channel attribute that holds the slot of the request being served. */
    public static final String NETTY_ATTRIBUTE = "dev.weft.bootstrap.RouteSlot";
    /** The key of the slot among the local data of a Vert.x request's context. */
    public static final String CONTEXT_LOCAL = "dev.weft.bootstrap.RouteSlot";

    private volatile String basePath;
    private volatile String parent;
    private volatile String template;
    private volatile Throwable failure;

    /** The framework's template, relative to the base (context) path it serves under. */
    public final void matched(String basePath, String template) {
        matched(basePath, null, template);
    }

    /**
     * The framework's template under its parent templates (a JAX-RS resource class's {@code @Path}),
     * or {@code null} for none, and the base path they serve under.
     */
    public final void matched(String basePath, String parent, String template) {
        this.basePath = basePath;
        this.parent = parent;
        this.template = template;
    }

    /**
     * An exception the framework caught and answered itself (a 500 it sent): when the request ends
     * with a server error, this exception, not the status, is its {@code error_type}.
     */
    public final void failed(Throwable error) {
        this.failure = error;
    }

    /** What {@link #failed} reported, or {@code null}. */
    public final Throwable failure() {
        return failure;
    }

    /** The parent templates of {@link #template}, or {@code null}. */
    public final String parent() {
        return parent;
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
