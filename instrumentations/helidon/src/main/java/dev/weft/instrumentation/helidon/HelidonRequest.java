package dev.weft.instrumentation.helidon;

import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * One request through Helidon's routing, timed on the thread that routes it, from the call into
 * the routing until it returns with the response sent; recorded then, unless a layer inside (Jersey,
 * in Helidon MP) took it over as it started its own observation.
 *
 * <p>Route: the path pattern the routing matched ({@code /items/{id}}, services' prefixes
 * included), with regular expressions removed; a pattern whose prefix held a path parameter (a
 * service registered at {@code /tenants/{t}}) carries the parameter's value, so such a request gets
 * the path heuristic instead, as does one no route matched ({@code unmatched} for its 404). A 404 or
 * 405 under a wildcard pattern is a miss, not the pattern's.
 *
 * <p>Not loaded by the agent: injected into Helidon's class loader; never throws into Helidon.
 */
public final class HelidonRequest extends OuterRequest {

    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    /** {@code ServerRequest.matchingPattern()} exists (Helidon 4.3 and later). */
    private static final boolean HAS_PATTERN = hasPattern();

    private final long start;
    private final String method;
    /** Only the routing thread touches the fields: it starts, yields and ends the request. */
    private boolean done;
    private Throwable handledError;

    private HelidonRequest(long start, String method) {
        this.start = start;
        this.method = method;
    }

    private static boolean hasPattern() {
        try {
            ServerRequest.class.getMethod("matchingPattern");
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The routing starts: returns what {@link #exit} needs, {@link OuterRequest#NOT_ENTERED} when untimed. */
    public static Object enter(RoutingRequest request) {
        try {
            String method = request.prologue().method().text();
            long start = Weft.server().start(method, request.headers().first(TRACEPARENT).orElse(null));
            if (start == ServerRecorder.NOT_TIMED) {
                return OuterRequest.NOT_ENTERED;
            }
            return OuterRequest.enter(new HelidonRequest(start, method));
        } catch (Throwable t) {
            Weft.adviceError(t);
            return OuterRequest.NOT_ENTERED;
        }
    }

    /** The routing returns (or throws {@code thrown}): records the request unless it was taken over. */
    public static void exit(Object previous, RoutingRequest request, RoutingResponse response, Throwable thrown) {
        if (previous == OuterRequest.NOT_ENTERED) {
            return;
        }
        OuterRequest current = OuterRequest.current();
        OuterRequest.exit(previous);
        if (current instanceof HelidonRequest) {
            ((HelidonRequest) current).end(request, response, thrown);
        }
    }

    /** Helidon's error handling answers {@code error} for the request this thread routes. */
    public static void handled(Throwable error) {
        OuterRequest current = OuterRequest.current();
        if (current instanceof HelidonRequest) {
            ((HelidonRequest) current).handledError = error;
        }
    }

    @Override
    protected String yieldToInner() {
        if (done) {
            return null;
        }
        done = true;
        return method;
    }

    private void end(RoutingRequest request, RoutingResponse response, Throwable thrown) {
        if (done) {
            return;
        }
        done = true;
        try {
            ServerRecorder recorder = Weft.server();
            int status = status(response, thrown);
            Throwable error = thrown != null ? thrown : status >= 500 ? handledError : null;
            String pattern = HAS_PATTERN ? request.matchingPattern().orElse(null) : null;
            String route = pattern != null && !pattern.isEmpty()
                    && !((status == 404 || status == 405) && pattern.endsWith("*"))
                    && !holdsParameterValues(request, pattern)
                    ? recorder.templateRoute("", null, pattern)
                    : recorder.pathRoute("", request.prologue().uriPath().path(), status);
            recorder.end(start, method, route, status, error,
                    request.headers().contentLength().orElse(-1L),
                    response.headers().contentLength().orElse(-1L));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The status the client gets: an exception out of the routing is answered by the connection. */
    private static int status(RoutingResponse response, Throwable thrown) {
        if (thrown == null || response.isSent()) {
            return response.status().code();
        }
        if (thrown instanceof HttpException) {
            return ((HttpException) thrown).status().code();
        }
        if (thrown instanceof RequestException) {
            return ((RequestException) thrown).status().code();
        }
        return 500;
    }

    /** Fewer {@code {...}} in the pattern than path parameters: a prefix matched by a template left its values in. */
    private static boolean holdsParameterValues(RoutingRequest request, String pattern) {
        int templates = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '{') {
                templates++;
            }
        }
        return templates < request.path().pathParameters().names().size();
    }
}
