package dev.weft.agent.metrics;

import dev.weft.bootstrap.RouteSlot;

/**
 * What a web framework reported, on the request's own thread, about the request that thread is
 * serving: the templates it matched and an exception it answered itself. One per thread, reset
 * when the thread starts timing a request, so nothing leaks from one request into the next.
 */
final class FrameworkReport {

    /** Templates matched on the way to the handler (resource class, locators), or null. */
    String parent;
    /** The handler's template, or null when no framework matched one. */
    String template;
    /** The request's W3C traceparent header, or null; read only when an exemplar is sampled. */
    String traceparent;
    /** While {@code end} observes a duration: the traceparent of that request, or null. */
    String observing;
    /** The configured address of the framework's endpoint, or null (see {@link EndpointAddresses}). */
    String base;
    /**
     * The slot of a request another thread times, while a framework serves it on this one
     * ({@link ServerMetrics#frameworkServing}), or null; and the base path of its templates.
     */
    RouteSlot serving;
    String servingBase;
    /** The start time of the request being served: identifies it to {@link #errorFor}. */
    private long start;
    private Throwable error;
    private long errorStart;
    /** A container request open on this thread ({@link ServerMetrics#containerStart}), or 0. */
    long containerStart;
    /** Whether a server observation started while the container request was open. */
    boolean containerObserved;
    /** The container's mapping of the open request: context path (null: none) and path within it. */
    String containerContext;
    String containerPath;

    void reset(long startNanos) {
        parent = null;
        template = null;
        base = null;
        start = startNanos;
        error = null;
        traceparent = null;
    }

    /**
     * Forgets templates and errors reported so far, around a request this thread serves but another
     * thread times ({@link ServerMetrics#frameworkServing}); a request this thread times itself keeps
     * its start and traceparent.
     */
    void forgetReported() {
        parent = null;
        template = null;
        base = null;
        error = null;
    }

    /** The traceparent of the request that started at {@code startNanos}, if this thread started it. */
    String traceparentFor(long startNanos) {
        return start == startNanos ? traceparent : null;
    }

    void parent(String t) {
        // a second parent means a sub-resource locator: rare enough to concatenate
        parent = parent == null ? t : parent + "/" + t;
    }

    void error(Throwable e) {
        error = e;
        errorStart = start;
    }

    /**
     * The exception the framework reported for the request that started at {@code startNanos},
     * if this thread served it; a request completed on another thread (asynchronously) gets none.
     */
    Throwable errorFor(long startNanos) {
        Throwable e = error;
        if (e == null || errorStart != startNanos) {
            return null;
        }
        error = null;
        return e;
    }
}
