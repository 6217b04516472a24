package dev.weft.instrumentation.apache.httpasyncclient4;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.util.concurrent.CancellationException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.protocol.HttpContext;

/**
 * One call of an Apache HttpAsyncClient 4.1 client, from the start of its exchange until the client
 * completes, fails or cancels it; then it hands the outcome to the caller's callback.
 *
 * <p>Advice puts it in place of the caller's callback ({@link #pending}); {@code MainClientExec.prepare},
 * which starts the exchange on the same thread, starts it ({@link #begin}). The exchange's redirects
 * and authentication retries are requests of the same exchange: they are not prepared again.
 *
 * <p>Not loaded by the agent: injected into the class loader of the instrumented client, where
 * {@code org.apache.http} resolves. It uses that API, the JDK and {@code dev.weft.bootstrap} only,
 * and never throws into the client.
 */
public final class AsyncCall implements FutureCallback<Object> {

    /** The call whose exchange the current thread is starting; set only during an outermost {@code execute}. */
    private static final ThreadLocal<AsyncCall> PENDING = new ThreadLocal<AsyncCall>();

    private final FutureCallback<Object> delegate;
    private final HttpContext context;
    private String method;
    private String host;
    private int port;
    private volatile long start = ClientRecorder.NOT_TIMED;

    @SuppressWarnings("unchecked")
    private AsyncCall(FutureCallback<?> delegate, HttpContext context) {
        this.delegate = (FutureCallback<Object>) delegate;
        this.context = context;
    }

    /** Returns the callback to give the client in place of {@code callback}; the context is the call's. */
    public static FutureCallback<?> pending(FutureCallback<?> callback, HttpContext context) {
        AsyncCall call = new AsyncCall(callback, context);
        PENDING.set(call);
        return call;
    }

    public static void noLongerPending() {
        PENDING.remove();
    }

    /** Starts timing the pending call with the target and request the application gave. */
    public static void begin(HttpHost target, HttpRequest request) {
        AsyncCall call = PENDING.get();
        if (call == null) {
            return;
        }
        PENDING.remove();
        int port = target.getPort();
        // getRequestLine() of the usual requests builds a new line and URI string; getMethod() reads a field
        call.method = request instanceof HttpUriRequest
                ? ((HttpUriRequest) request).getMethod() : request.getRequestLine().getMethod();
        call.host = target.getHostName();
        call.port = port >= 0 ? port : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
        call.start = Weft.client().start(call.method, call.host, call.port);
    }

    @Override
    public void completed(Object result) {
        try {
            long begun = start;
            if (begun != ClientRecorder.NOT_TIMED) {
                start = ClientRecorder.NOT_TIMED;
                Weft.client().end(begun, method, host, port, status(result), null);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
        if (delegate != null) {
            delegate.completed(result);
        }
    }

    @Override
    public void failed(Exception error) {
        end(error);
        if (delegate != null) {
            delegate.failed(error);
        }
    }

    @Override
    public void cancelled() {
        end(null);
        if (delegate != null) {
            delegate.cancelled();
        }
    }

    private void end(Exception error) {
        try {
            long begun = start;
            if (begun != ClientRecorder.NOT_TIMED) {
                start = ClientRecorder.NOT_TIMED;
                Weft.client().end(begun, method, host, port, ClientRecorder.NO_STATUS,
                        error != null ? error : new CancellationException());
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The final response's status: the result when the consumer made an HttpResponse, else the last one received. */
    private int status(Object result) {
        Object response = result instanceof HttpResponse ? result : context.getAttribute("http.response");
        if (response instanceof HttpResponse && ((HttpResponse) response).getStatusLine() != null) {
            return ((HttpResponse) response).getStatusLine().getStatusCode();
        }
        return ClientRecorder.NO_STATUS;
    }
}
