package dev.weft.instrumentation.okhttp3;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Records an enqueued OkHttp call when OkHttp delivers its outcome, then passes the outcome on to the
 * caller's callback. The duration ends where a synchronous call's does: when the response headers
 * arrived (the caller reads the body in its {@code onResponse}), or when the call failed.
 *
 * <p>Not loaded by the agent: injected into OkHttp's class loader. It uses OkHttp's API, the JDK and
 * {@code dev.weft.bootstrap} only, and never throws into OkHttp.
 */
public final class OkHttpCallback implements Callback {

    private final Callback delegate;
    private final String method;
    private final String host;
    private final int port;
    private volatile long start;

    public OkHttpCallback(Callback delegate, long start, String method, String host, int port) {
        this.delegate = delegate;
        this.start = start;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    @Override
    public void onResponse(Call call, Response response) throws IOException {
        record(response.code(), null);
        delegate.onResponse(call, response);
    }

    @Override
    public void onFailure(Call call, IOException error) {
        record(ClientRecorder.NO_STATUS, error);
        delegate.onFailure(call, error);
    }

    /** {@code enqueue} threw: OkHttp will not call back. */
    public void notEnqueued(Throwable error) {
        record(ClientRecorder.NO_STATUS, error);
    }

    private void record(int status, Throwable error) {
        try {
            long begun = start;
            if (begun != ClientRecorder.NOT_TIMED) {
                start = ClientRecorder.NOT_TIMED;
                Weft.client().end(begun, method, host, port, status, error);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
