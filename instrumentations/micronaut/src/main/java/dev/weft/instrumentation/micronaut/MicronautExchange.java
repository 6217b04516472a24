package dev.weft.instrumentation.micronaut;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CancellationException;

/**
 * One request on Micronaut's Netty server, from the router receiving it until Micronaut is done with
 * its response (the last part went to Netty), or until its connection closes first.
 *
 * <p>Route: the URI template of the route Micronaut matched ({@code /items/{id}}), which Micronaut
 * keeps as the request attribute {@code micronaut.http.route.template}; without one (a 404, a 405, a
 * static resource) the bounded path heuristic, and {@code unmatched} for a 404 or 405.
 *
 * <p>Not loaded by the agent: injected into Micronaut's class loader; never throws into Micronaut.
 */
final class MicronautExchange {

    /**
     * The error of a request whose connection closed before its response was written: the client gave
     * up (or the server was stopped). Shared: only its class name is recorded.
     */
    private static final CancellationException CLOSED =
            new CancellationException("the connection closed before the response was written");
    private static final String TEMPLATE = HttpAttributes.URI_TEMPLATE.toString();
    private static final String EXCEPTION = HttpAttributes.EXCEPTION.toString();

    private final long start;
    private final String method;
    private final HttpRequest nettyRequest;
    private final Object outboundAccess;
    private final long requestBytes;
    /** Micronaut's request, once it made it from the Netty one. */
    private volatile NettyHttpRequest<?> request;
    private volatile boolean responded;
    private volatile HttpResponse<?> response;
    private volatile int status;
    private volatile Throwable error;

    private MicronautExchange(long start, String method, HttpRequest nettyRequest, Object outboundAccess,
                              long requestBytes) {
        this.start = start;
        this.method = method;
        this.nettyRequest = nettyRequest;
        this.outboundAccess = outboundAccess;
        this.requestBytes = requestBytes;
    }

    /** Starts timing a request; null when the recorder does not time it. */
    static MicronautExchange start(HttpRequest request, Object outboundAccess) {
        String method = request.method().name();
        HttpHeaders headers = request.headers();
        long start = Weft.server().start(method, headers.get("traceparent"));
        if (start == ServerRecorder.NOT_TIMED) {
            return null;
        }
        return new MicronautExchange(start, method, request, outboundAccess, length(headers.get("content-length")));
    }

    boolean answeredThrough(Object access) {
        return outboundAccess == access;
    }

    /** Whether {@code attachment} is this request as Micronaut wraps it (also when it had to replace a bad URI). */
    boolean isFor(NettyHttpRequest<?> attachment) {
        return request == attachment || nettyRequest == attachment.getNativeRequest();
    }

    boolean responded() {
        return responded;
    }

    /** Micronaut made {@code attachment} of this request (before routing it). */
    void attached(NettyHttpRequest<?> attachment) {
        request = attachment;
    }

    /**
     * The response Micronaut writes: {@code response}, or for {@code failure} the 500 it makes of it,
     * or with neither (the connection is gone) the 503 it writes in their place.
     */
    void responding(NettyHttpRequest<?> attachment, HttpResponse<?> answer, Throwable failure) {
        int code = failure != null ? 500 : answer == null ? 503 : answer.code();
        Throwable cause = failure;
        if (cause == null && code >= 500 && answer != null) {
            // an exception Micronaut's error handling answered: the response keeps it
            Object kept = answer.getAttribute(EXCEPTION).orElse(null);
            cause = kept instanceof Throwable ? (Throwable) kept : null;
        }
        status = code;
        error = cause;
        response = answer;
        request = attachment;
        responded = true;
    }

    /** Records the request: its response was written ({@code complete}), or the client went away first. */
    void end(boolean complete) {
        try {
            ServerRecorder recorder = Weft.server();
            int code = status; // 0 when no response was made yet: recorded as _OTHER
            String matched = template(request);
            String route = matched != null
                    ? recorder.templateRoute("", null, matched)
                    : recorder.pathRoute("", nettyRequest.uri(), code);
            recorder.end(start, method, route, code, complete ? error : CLOSED, requestBytes,
                    complete ? length(response) : -1L);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /**
     * The URI template of the route Micronaut matched for {@code of}, or null (none matched, or the
     * request was cancelled before Micronaut made its own request object). A cancelled request's
     * attributes may be changing on a controller's thread as they are read: a failed read is no route.
     */
    private static String template(NettyHttpRequest<?> of) {
        try {
            Object matched = of == null ? null : of.getAttribute(TEMPLATE).orElse(null);
            return matched instanceof String ? (String) matched : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The response's declared body size, or -1. */
    private static long length(HttpResponse<?> of) {
        try {
            return of == null ? -1L : of.getContentLength();
        } catch (RuntimeException e) {
            return -1L;
        }
    }

    /** A declared body size, or -1. */
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
