package dev.weft.bootstrap;

/**
 * What inbound-HTTP advice reports to. The agent installs the real implementation with
 * {@link Weft#installServer}; until then (and when the agent is disabled) calls go to {@link #NOOP}.
 *
 * <p>Advice hands over plain values read from the library's own API; everything that needs
 * code (method normalisation, route templates, label caching, series budget) lives behind this
 * interface, in the agent.
 *
 * <pre>{@code
 * long start = Weft.server().start(request.getMethod());
 * ...
 * String route = Weft.server().mappedRoute(request.getContextPath(), mapping.getPattern());
 * Weft.server().end(start, request.getMethod(), route, response.getStatus(), null, -1, -1);
 * }</pre>
 */
public interface ServerRecorder {

    /** What {@link #start} returns for a request it does not time; advice then skips {@link #end}. */
    long NOT_TIMED = 0L;

    ServerRecorder NOOP = new ServerRecorder() {
        @Override
        public long start(String method) {
            return NOT_TIMED;
        }

        @Override
        public String mappedRoute(String contextPath, String pattern) {
            return pattern;
        }

        @Override
        public String pathRoute(String contextPath, String path, int status) {
            return path;
        }

        @Override
        public void frameworkParent(String template) {}

        @Override
        public void frameworkTemplate(String template) {}

        @Override
        public void frameworkBase(String address) {}

        @Override
        public void frameworkError(Throwable error) {}

        @Override
        public String templateRoute(String basePath, String parent, String template) {
            return template;
        }

        @Override
        public void end(long startNanos, String method, String route, int status, Throwable error,
                        long requestBytes, long responseBytes) {}
    };

    /**
     * Counts a request as active and returns its start time from {@link System#nanoTime()}, or
     * {@link #NOT_TIMED} (the no-op recorder, before the agent's registry is ready): a request is
     * ended on the recorder that started it, so the active-request gauge never goes negative.
     */
    long start(String method);

    /**
     * As {@link #start(String)}, with the request's W3C {@code traceparent} header (null when it has
     * none): when no tracer runs in the application, duration exemplars take their trace and span
     * ids from it.
     */
    default long start(String method, String traceparent) {
        return start(method);
    }

    /**
     * The route of a request that matched a servlet mapping: exact ({@code /hello}), path
     * ({@code /api/*}) or extension ({@code *.jsp}), with the context path in front.
     */
    String mappedRoute(String contextPath, String pattern);

    /**
     * The route of a request served by the default servlet: the path with id-like segments
     * replaced by a placeholder, or one fixed value for a 404, so that unknown URLs cannot create series.
     * {@code path} may also be the request target as it came on the request line (a server that gives
     * nothing else, such as Netty): its query, and the scheme and authority of an absolute target, are
     * dropped.
     */
    String pathRoute(String contextPath, String path, int status);

    /**
     * Refines the route of the request this thread is serving with a web framework's own template:
     * a JAX-RS resource template or a Spring MVC pattern, relative to the servlet that dispatched to
     * the framework ({@code /users/{id}} under a servlet mapped to {@code /api/*}). The request's
     * {@link #mappedRoute} or {@link #pathRoute} then returns the servlet's prefix plus the template
     * ({@code /api/users/{id}}). Forgotten when the thread starts its next request.
     */
    void frameworkTemplate(String template);

    /**
     * A template the framework matched on its way to the handler, for the request this thread is
     * serving: a JAX-RS resource class's {@code @Path}, then each sub-resource locator's. The
     * {@link #frameworkTemplate} that follows is relative to them. Passing the pieces rather than
     * their concatenation lets the recorder look the route up without building a string.
     */
    void frameworkParent(String template);

    /**
     * The address the framework's endpoint was deployed at, as configured, for the request this
     * thread is serving: its templates are relative to it. A relative address lies under the
     * servlet that dispatched to the framework (Spring's {@code <jaxrs:server address="/rest">}
     * under CXF's servlet at {@code /services/*}: {@code /services/rest/...}); an absolute one
     * names the path from the server's root, context path included, and stands in for the
     * servlet's prefix (TomEE deploys an application's JAX-RS endpoint at
     * {@code http://host:port/app/api} and serves it from a filter, outside any servlet mapping).
     * Never a request's own URL: an address from the request would carry its raw path.
     */
    void frameworkBase(String address);

    /**
     * An exception the framework caught and answered itself, for the request this thread is serving
     * (RESTEasy turns an exception no mapper handles into a 500 response): when the request ends
     * with a server error, this exception, not the status, is its {@code error_type}.
     */
    void frameworkError(Throwable error);

    /**
     * The route of a request a framework serves without a servlet container (Jersey on the JDK
     * HttpServer, say): the framework's base path, the parent templates (or {@code null}) and the
     * handler's template, with regular expressions removed ({@code {id: [0-9]+}} becomes {@code {id}}).
     */
    String templateRoute(String basePath, String parent, String template);

    /**
     * A servlet container's own entry begins a request (Tomcat's connector adapter), before its
     * valves and before any servlet. Requests it answers itself (a 404 outside every context, an
     * authenticator's 401) are recorded by {@link #containerEnd}; one that reaches a servlet or any
     * other server instrumentation is recorded there, as before, and not again. Returns
     * {@link #NOT_TIMED} when a container request is already open on this thread.
     */
    default long containerStart() {
        return NOT_TIMED;
    }

    /** Where the container mapped the request, before any servlet ran; {@code null} context: none. */
    default void containerMapped(String contextPath, String path) {}

    /**
     * The container's entry returns: records the request, with the route its mapping gives or
     * {@code unmatched}, unless a server observation started inside it.
     */
    default void containerEnd(long start, String method, int status, Throwable error) {}

    /**
     * This thread now runs a framework for a request whose observation another thread started and
     * ends (Quarkus hands a request its Vert.x event loop received to RESTEasy classic on a worker):
     * until {@link #frameworkServed}, what frameworks report here ({@link #frameworkParent},
     * {@link #frameworkTemplate}, {@link #frameworkError}) goes to that request's {@code slot} as it
     * is reported, the templates under {@code basePath}. Whatever was reported here before is forgotten.
     */
    default void frameworkServing(RouteSlot slot, String basePath) {}

    /** The framework is done with the request {@link #frameworkServing} named. */
    default void frameworkServed() {}

    /**
     * Records a finished request and counts it inactive.
     *
     * @param error the exception that escaped the application, or {@code null}
     * @param requestBytes request body size from its headers, or -1 when unknown
     * @param responseBytes response body size from its headers, or -1 when unknown
     */
    void end(long startNanos, String method, String route, int status, Throwable error,
             long requestBytes, long responseBytes);
}
