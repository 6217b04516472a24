package dev.weft.instrumentation.jetty.client12;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpRequest;

/**
 * One logical request of a Jetty 12 client, from the application's {@code send} until Jetty
 * completes its conversation, redirects and authentication round trips included.
 *
 * <p>Jetty notifies the first request's complete listeners exactly once, when the last request of
 * the conversation completes (with the final response) or fails; the listeners of the requests in
 * between are replaced by the protocol handler that sends the next one. This listener is added
 * before the application's, so a blocking {@code send()} returns after the call was recorded.
 *
 * <p>Not loaded by the agent: injected into Jetty's class loader. It uses Jetty's API, the JDK and
 * {@code dev.weft.bootstrap} only, and never throws into Jetty.
 */
public final class JettyCall implements Response.CompleteListener {

    private static final AtomicIntegerFieldUpdater<JettyCall> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(JettyCall.class, "ended");

    private final long start;
    private final String method;
    private final String host;
    private final int port;
    private volatile int ended;

    private JettyCall(long start, String method, String host, int port) {
        this.start = start;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts timing the request if the application sent it: null for a request Jetty sends inside a
     * conversation (a redirect, an authentication retry), or before the agent's recorder is ready.
     */
    public static JettyCall begin(HttpRequest request) {
        if (!request.getConversation().getExchanges().isEmpty()) {
            return null;
        }
        String method = request.getMethod();
        String host = request.getHost();
        int port = request.getPort(); // Jetty already made it 80 or 443 when the URI has none
        long start = Weft.client().start(method, host, port);
        if (start == ClientRecorder.NOT_TIMED) {
            return null;
        }
        JettyCall call = new JettyCall(start, method, host, port);
        request.onComplete(call);
        return call;
    }

    @Override
    public void onComplete(Result result) {
        Response response = result.getResponse();
        end(response != null ? response.getStatus() : ClientRecorder.NO_STATUS, result.getFailure());
    }

    /** {@code send} threw: Jetty will not complete the request. */
    public void notSent(Throwable error) {
        end(ClientRecorder.NO_STATUS, error);
    }

    private void end(int status, Throwable error) {
        try {
            if (ENDED.compareAndSet(this, 0, 1)) {
                Weft.client().end(start, method, host, port, status, error);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
