package dev.weft.instrumentation.netty;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.CancellationException;

/**
 * One request on a plain Netty connection, from its head until the last part of its response reached
 * the encoder (or the connection closed first). Recorded with the path heuristic for a route.
 *
 * <p>Not loaded by the agent: injected into Netty's class loader; never throws into Netty.
 */
final class NettyExchange {

    static final int COMPLETED = 1;
    static final int CANCELLED = 2;
    /**
     * The error of a request whose connection closed before its response ended: the client gave up
     * (or the application closed the connection unanswered). Shared: only its class name is recorded.
     */
    private static final CancellationException CLOSED =
            new CancellationException("the connection closed before the response ended");

    private final long start;
    private final String method;
    private final String uri;
    private final long requestBytes;
    /** The response's status once its head went out; 0 before. Guarded by the connection. */
    private int status;
    private long responseBytes = -1L;

    private NettyExchange(long start, String method, String uri, long requestBytes) {
        this.start = start;
        this.method = method;
        this.uri = uri;
        this.requestBytes = requestBytes;
    }

    /** Starts timing a decoded request head; null when the recorder does not time it. */
    static NettyExchange start(HttpRequest request) {
        String method = request.method().name();
        HttpHeaders headers = request.headers();
        long start = Weft.server().start(method, headers.get("traceparent"));
        if (start == ServerRecorder.NOT_TIMED) {
            return null;
        }
        return new NettyExchange(start, method, request.uri(), length(headers));
    }

    void head(HttpResponse response, int code) {
        status = code;
        responseBytes = length(response.headers());
    }

    /** Records the request; called once, by the connection that removed it from its queue. */
    void end(int how) {
        try {
            ServerRecorder recorder = Weft.server();
            int code = status; // 0 when no response head went out: recorded as _OTHER
            String route = recorder.pathRoute("", uri, code);
            recorder.end(start, method, route, code, how == CANCELLED ? CLOSED : null, requestBytes,
                    how == CANCELLED ? -1L : responseBytes);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The declared body size, or -1. */
    private static long length(HttpHeaders headers) {
        String value = headers.get("content-length");
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
