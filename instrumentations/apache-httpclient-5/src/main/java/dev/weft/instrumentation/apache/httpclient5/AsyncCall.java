package dev.weft.instrumentation.apache.httpclient5;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.util.concurrent.CancellationException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;

/**
 * One async call of an Apache HttpClient 5 client, from {@code doExecute} until the client
 * completes, fails or cancels it; then it hands the outcome to the caller's callback.
 *
 * <p>Advice puts it in place of the caller's callback ({@link #pending}); the client's
 * {@code AsyncExecChain.Scope} constructor, on the same thread, starts it ({@link #begin}). A call
 * whose exchange is never built on the calling thread (a request producer that sends later) is
 * not recorded.
 *
 * <p>Not loaded by the agent: injected into the class loader of the instrumented client, where
 * {@code org.apache.hc} resolves. It uses that API, the JDK and {@code dev.weft.bootstrap} only, and
 * never throws into the client.
 */
public final class AsyncCall implements FutureCallback<Object> {

    /** The call whose exchange the current thread is building; set only during an outermost {@code doExecute}. */
    private static final ThreadLocal<AsyncCall> PENDING = new ThreadLocal<AsyncCall>();

    private final FutureCallback<Object> delegate;
    private String method;
    private String host;
    private int port;
    private HttpClientContext context;
    private volatile long start = ClientRecorder.NOT_TIMED;

    @SuppressWarnings("unchecked")
    private AsyncCall(FutureCallback<?> delegate) {
        this.delegate = (FutureCallback<Object>) delegate;
    }

    /** Returns the callback to give the client in place of {@code callback}. */
    public static FutureCallback<?> pending(FutureCallback<?> callback) {
        AsyncCall call = new AsyncCall(callback);
        PENDING.set(call);
        return call;
    }

    public static void noLongerPending() {
        PENDING.remove();
    }

    /** Starts timing the pending call with the request and route of its exchange. */
    public static void begin(HttpRequest request, HttpRoute route, HttpClientContext context) {
        AsyncCall call = PENDING.get();
        if (call == null) {
            return;
        }
        PENDING.remove();
        HttpHost target = route.getTargetHost();
        int port = target.getPort();
        call.method = request.getMethod();
        call.host = target.getHostName();
        call.port = port >= 0 ? port : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
        call.context = context;
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

    /** The final response's status: from the result the consumer built, else the one the client last received. */
    private int status(Object result) {
        Object head = result instanceof Message ? ((Message<?, ?>) result).getHead() : result;
        if (head instanceof HttpResponse) {
            return ((HttpResponse) head).getCode();
        }
        HttpResponse last = context != null ? context.getResponse() : null;
        return last != null ? last.getCode() : ClientRecorder.NO_STATUS;
    }
}
