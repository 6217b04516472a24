package dev.weft.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One exchange of the JDK's HTTP server, recorded once: when its response body is closed (by the
 * handler, directly or through {@code HttpExchange.close()}, on any thread), or when the handler
 * throws.
 *
 * <p>Route: a context other than {@code /} is a prefix mapping, rendered as a servlet's
 * ({@code /api} and {@code /api/} both give {@code /api/*}); the root context, which catches every
 * path, gets the bounded path heuristic and {@code unmatched} for a 404 or 405, as the default
 * servlet does.
 */
final class JdkExchange extends OuterRequest {

    private static final int RUNNING = 0;
    private static final int YIELDED = 1;
    private static final int ENDED = 2;
    private static final AtomicIntegerFieldUpdater<JdkExchange> STATE =
            AtomicIntegerFieldUpdater.newUpdater(JdkExchange.class, "state");

    private final HttpExchange exchange;
    private final long start;
    private final String method;
    private volatile int state;

    private JdkExchange(HttpExchange exchange, long start, String method) {
        this.exchange = exchange;
        this.start = start;
        this.method = method;
    }

    /** Starts timing; null when the recorder does not time requests (yet). */
    static JdkExchange start(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        long start = Weft.server().start(method, exchange.getRequestHeaders().getFirst("traceparent"));
        if (start == ServerRecorder.NOT_TIMED) {
            return null;
        }
        JdkExchange observed = new JdkExchange(exchange, start, method);
        // exchange.close() closes the stream the handlers were given: this one
        exchange.setStreams(null, new ResponseBody(exchange.getResponseBody(), observed));
        return observed;
    }

    @Override
    protected String yieldToInner() {
        return STATE.compareAndSet(this, RUNNING, YIELDED) ? method : null;
    }

    /** The response body was closed: the exchange is over. */
    void closed() {
        end(null);
    }

    /** The handler threw: the server closes the connection; the client got what was sent, if anything. */
    void threw(Throwable error) {
        end(error);
    }

    private void end(Throwable error) {
        if (!STATE.compareAndSet(this, RUNNING, ENDED)) {
            return;
        }
        try {
            int status = exchange.getResponseCode();
            if (error != null && status < 100) {
                status = 500; // no response at all: counted as the 500 a servlet container would send
            }
            ServerRecorder recorder = Weft.server();
            String context = exchange.getHttpContext().getPath();
            String route = context == null || context.isEmpty() || context.equals("/")
                    ? recorder.pathRoute("", exchange.getRequestURI().getRawPath(), status)
                    : recorder.templateRoute(context, null, "*");
            recorder.end(start, method, route, status, error,
                    length(exchange.getRequestHeaders()), length(exchange.getResponseHeaders()));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The declared body size, or -1. */
    private static long length(Headers headers) {
        String value = headers.getFirst("Content-Length");
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

    /**
     * The response body the handlers write to: the server's own, unchanged, and the end of the
     * exchange once closed. Every call behaves as the server's stream does.
     */
    static final class ResponseBody extends OutputStream {
        private final OutputStream delegate;
        private final JdkExchange observed;

        ResponseBody(OutputStream delegate, JdkExchange observed) {
            this.delegate = delegate;
            this.observed = observed;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                delegate.close();
            } finally {
                observed.closed();
            }
        }
    }
}
