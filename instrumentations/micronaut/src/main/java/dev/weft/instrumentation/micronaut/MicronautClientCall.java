package dev.weft.instrumentation.micronaut;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.loadbalance.FixedLoadBalancer;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import reactor.core.publisher.Mono;

/**
 * One logical request of Micronaut's HTTP client, from the {@code exchange} call (Micronaut sends the
 * request right away) until the response, its body read, is emitted to the application, or the call
 * fails or is cancelled. Redirects Micronaut follows and its filters run inside it. Recorded once,
 * on the first subscription's outcome; counted active from that subscription, so that a
 * {@code Mono} nobody subscribes to leaves nothing behind.
 *
 * <p>The server's address is the request's absolute URI, or the client's fixed URL for a relative
 * one; a client that picks its server through service discovery is not timed (its server is only
 * known later, inside Micronaut).
 *
 * <p>Not loaded by the agent: injected into Micronaut's class loader; never throws into Micronaut.
 */
public final class MicronautClientCall {

    /** The error of a call whose subscriber cancelled it; shared: only its class name is recorded. */
    private static final CancellationException CANCELLED =
            new CancellationException("the subscriber cancelled the request");
    private static final int WAITING = 0;
    private static final int ACTIVE = 1;
    private static final int ENDED = 2;
    private static final AtomicIntegerFieldUpdater<MicronautClientCall> STATE =
            AtomicIntegerFieldUpdater.newUpdater(MicronautClientCall.class, "state");

    private final long called;
    private final String method;
    private final String host;
    private final int port;
    private volatile int state;

    private MicronautClientCall(long called, String method, String host, int port) {
        this.called = called;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /** The {@code Mono} to return in place of {@code response}: itself when the call is not timed. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Mono observe(Mono response, long called, HttpRequest<?> request, Object loadBalancer) {
        if (response == null || request == null) {
            return response;
        }
        try {
            URI uri = request.getUri();
            if (uri == null || uri.getHost() == null) {
                uri = loadBalancer instanceof FixedLoadBalancer ? ((FixedLoadBalancer) loadBalancer).getUri() : null;
            }
            if (uri == null || uri.getHost() == null) {
                return response;
            }
            int port = uri.getPort();
            if (port < 0) {
                port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            final MicronautClientCall call = new MicronautClientCall(called, request.getMethodName(), host, port);
            return response
                    .doOnSubscribe(subscription -> call.subscribed())
                    .doOnSuccess(value -> call.succeeded(value))
                    .doOnError(error -> call.failed((Throwable) error))
                    .doOnCancel(() -> call.end(ClientRecorder.NO_STATUS, CANCELLED));
        } catch (Throwable t) {
            Weft.adviceError(t);
            return response;
        }
    }

    private void subscribed() {
        if (!STATE.compareAndSet(this, WAITING, ACTIVE)) {
            return;
        }
        try {
            if (Weft.client().start(method, host, port) == ClientRecorder.NOT_TIMED) {
                state = ENDED;
            }
        } catch (Throwable t) {
            state = ENDED;
            Weft.adviceError(t);
        }
    }

    private void succeeded(Object value) {
        end(value instanceof HttpResponse ? ((HttpResponse<?>) value).code() : ClientRecorder.NO_STATUS, null);
    }

    private void failed(Throwable error) {
        if (error instanceof HttpClientResponseException) {
            // a 4xx or 5xx the client turned into an exception: a response did arrive
            HttpResponse<?> response = ((HttpClientResponseException) error).getResponse();
            if (response != null) {
                end(response.code(), null);
                return;
            }
        }
        end(ClientRecorder.NO_STATUS, error);
    }

    private void end(int status, Throwable error) {
        if (!STATE.compareAndSet(this, ACTIVE, ENDED)) {
            return;
        }
        try {
            Weft.client().end(called, method, host, port, status, error);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
