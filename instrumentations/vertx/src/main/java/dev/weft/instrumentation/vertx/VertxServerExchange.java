package dev.weft.instrumentation.vertx;

import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request on a Vert.x 4 HTTP server, from the moment Vert.x begins it (its headers read, its
 * response created) to the end of its response: recorded once, when the response's last part is
 * handed to the connection ({@code end()}, a {@code sendFile} written, a WebSocket handshake; for
 * HTTP/2, when its stream closes after that), or when the connection (the stream) closes first, on
 * whichever thread that happens.
 *
 * <p>It is the request's {@link RouteSlot}, kept among the local data of the request's own context
 * (Vert.x duplicates the server's context for every request), where Vert.x Web's and Quarkus' advice
 * find it from the request, on the event loop or on a worker.
 *
 * <p>Not loaded by the agent: injected into Vert.x's class loader; never throws into Vert.x.
 */
public final class VertxServerExchange extends RouteSlot {

    /**
     * The error of a request whose connection closed before its response ended: the client gave up,
     * or the application closed or reset the connection without answering. Shared: only its class
     * name is recorded.
     */
    private static final CancellationException CANCELLED =
            new CancellationException("the connection closed before the response ended");
    private static final AtomicIntegerFieldUpdater<VertxServerExchange> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(VertxServerExchange.class, "ended");

    private final HttpServerRequest request;
    private final long start;
    private final String method;
    private volatile int ended;

    private VertxServerExchange(HttpServerRequest request, long start, String method) {
        this.request = request;
        this.start = start;
        this.method = method;
    }

    /** Starts timing a request Vert.x begins serving (its response exists from now on). */
    public static void begin(HttpServerRequest request) {
        try {
            Context context = ((HttpServerRequestInternal) request).context();
            if (context == null || context.getLocal(CONTEXT_LOCAL) != null) {
                return;
            }
            String method = request.method().name();
            long start = Weft.server().start(method, request.getHeader("traceparent"));
            if (start == ServerRecorder.NOT_TIMED) {
                return;
            }
            context.putLocal(CONTEXT_LOCAL, new VertxServerExchange(request, start, method));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The response of {@code request} has been handed to the connection in full. */
    public static void responded(Object request) {
        VertxServerExchange exchange = of(request);
        if (exchange != null) {
            exchange.end(false);
        }
    }

    /**
     * The connection of {@code request} closed: if its response had not ended, it never will. (If it
     * had, on another thread that has not told yet, it is recorded as a complete response now.)
     */
    public static void connectionClosed(Object request) {
        VertxServerExchange exchange = of(request);
        if (exchange != null) {
            exchange.end(true);
        }
    }

    private static VertxServerExchange of(Object request) {
        try {
            if (request instanceof HttpServerRequestInternal) {
                Context context = ((HttpServerRequestInternal) request).context();
                Object slot = context == null ? null : context.getLocal(CONTEXT_LOCAL);
                if (slot instanceof VertxServerExchange && ((VertxServerExchange) slot).request == request) {
                    return (VertxServerExchange) slot;
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
        return null;
    }

    private void end(boolean closed) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            HttpServerResponse response = request.response();
            int status;
            Throwable error;
            // the application ended the response, the connection closed before the thread that ended
            // it (a worker) got here: a complete response all the same
            if (!closed || response.ended()) {
                status = response.getStatusCode();
                error = status >= 500 ? failure() : null;
            } else {
                status = response.headWritten() ? response.getStatusCode() : 0;
                error = CANCELLED;
            }
            ServerRecorder recorder = Weft.server();
            String template = template();
            String route = template != null && !(isMiss(status) && template.endsWith("*"))
                    ? recorder.templateRoute(basePath(), parent(), template)
                    : recorder.pathRoute("", request.path(), status);
            recorder.end(start, method, route, status, error,
                    length(request.getHeader("content-length")), length(response.headers().get("content-length")));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** Not found or method not allowed: a prefix route ({@code /api/*}) matched, nothing was found. */
    private static boolean isMiss(int status) {
        return status == 404 || status == 405;
    }

    /** The declared body size, or -1. */
    private static long length(String value) {
        if (value == null) {
            return -1L;
        }
        try {
            long n = Long.parseLong(value.trim());
            return n >= 0 ? n : -1L;
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
