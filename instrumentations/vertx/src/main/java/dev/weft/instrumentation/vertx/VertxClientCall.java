package dev.weft.instrumentation.vertx;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientBase;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One logical request of a Vert.x 4 {@code HttpClient}, from {@code request(...)} (connection
 * included) until its response's headers arrive: recorded once, with the response's status, or with
 * the exception the request failed with (connection refused, connect or response timeout, reset).
 * Redirects the client follows happen inside it. It listens to the request's promise, then to the
 * request's response future; it never completes or fails either.
 *
 * <p>Not loaded by the agent: injected into Vert.x's class loader; never throws into Vert.x.
 */
public final class VertxClientCall implements Handler<AsyncResult<Object>> {

    private static final AtomicIntegerFieldUpdater<VertxClientCall> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(VertxClientCall.class, "ended");

    private final long start;
    private final String method;
    private final String host;
    private final int port;
    private volatile int ended;

    private VertxClientCall(long start, String method, String host, int port) {
        this.start = start;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts timing a request the client was asked for, unless the client follows a redirect on this
     * thread (that request belongs to the one being redirected); null when not timed.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static VertxClientCall start(HttpClientBase client, RequestOptions options, Promise promise) {
        if (options == null || promise == null || CallDepth.CLIENT.inside()) {
            return null;
        }
        try {
            HttpClientOptions defaults = client.options();
            SocketAddress server = options.getServer();
            boolean inet = server != null && server.isInetSocket();
            String host = options.getHost();
            if (host == null) {
                host = inet ? server.host() : defaults.getDefaultHost();
            }
            Integer givenPort = options.getPort();
            int port = givenPort != null ? givenPort : inet ? server.port() : defaults.getDefaultPort();
            String method = options.getMethod().name();
            long start = Weft.client().start(method, host, port);
            if (start == ClientRecorder.NOT_TIMED) {
                return null;
            }
            VertxClientCall call = new VertxClientCall(start, method, host, port);
            promise.future().onComplete(call);
            return call;
        } catch (Throwable t) {
            Weft.adviceError(t);
            return null;
        }
    }

    /** The request's promise or its response future completed. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void handle(AsyncResult<Object> result) {
        try {
            if (result.failed()) {
                end(ClientRecorder.NO_STATUS, result.cause());
                return;
            }
            Object value = result.result();
            if (value instanceof HttpClientRequest) {
                ((HttpClientRequest) value).response().onComplete((Handler) this);
            } else if (value instanceof HttpClientResponse) {
                end(((HttpClientResponse) value).statusCode(), null);
            } else {
                end(ClientRecorder.NO_STATUS, null);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** {@code request(...)} threw (a closed client, an invalid option): there will be no request. */
    public void threw(Throwable error) {
        end(ClientRecorder.NO_STATUS, error);
    }

    private void end(int status, Throwable error) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            Weft.client().end(start, method, host, port, status, error);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
