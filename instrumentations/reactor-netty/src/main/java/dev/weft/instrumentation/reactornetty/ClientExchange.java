package dev.weft.instrumentation.reactornetty;

import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.Context;

/**
 * One logical Reactor Netty client request, between {@code MonoHttpConnect} and its subscriber: it
 * passes every signal on unchanged and records the request once, when the response headers arrive
 * (the connection is emitted, after any redirects), the request fails (connection refused, response
 * timeout), or the subscriber cancels (a Reactor {@code timeout()}, say).
 *
 * <p>Not loaded by the agent: injected into Reactor Netty's class loader; never throws into Reactor.
 */
public final class ClientExchange implements CoreSubscriber<Connection>, Subscription {

    /** The error of a request its subscriber cancelled; shared: only its class name is recorded. */
    private static final CancellationException CANCELLED =
            new CancellationException("the subscriber cancelled the request");
    private static final AtomicIntegerFieldUpdater<ClientExchange> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ClientExchange.class, "ended");

    private final CoreSubscriber<? super Connection> actual;
    private final long start;
    private final String method;
    private final String host;
    private final int port;
    private volatile Subscription upstream;
    private volatile int ended;

    private ClientExchange(CoreSubscriber<? super Connection> actual, long start, String method, String host, int port) {
        this.actual = actual;
        this.start = start;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /** The subscriber to subscribe in place of {@code actual}: itself when the call is not timed. */
    public static CoreSubscriber<? super Connection> wrap(CoreSubscriber<? super Connection> actual,
                                                          HttpClientConfig config) {
        if (actual == null || actual instanceof ClientExchange || config == null) {
            return actual;
        }
        try {
            String method = config.method().name();
            String uri = config.uri();
            if (uri == null) {
                uri = "/";
            }
            String base = config.baseUrl();
            if (base != null && uri.startsWith("/")) {
                uri = base + uri; // as Reactor Netty resolves it; only the authority is read
            }
            String host;
            int port;
            if (uri.startsWith("/")) {
                Supplier<? extends SocketAddress> remote = config.remoteAddress();
                SocketAddress address = remote == null ? null : remote.get();
                if (address instanceof InetSocketAddress) {
                    host = ((InetSocketAddress) address).getHostString();
                    port = ((InetSocketAddress) address).getPort();
                } else {
                    host = "localhost";
                    port = 80;
                }
            } else {
                int schemeEnd = uri.indexOf("://");
                String scheme = schemeEnd < 0 ? "http" : uri.substring(0, schemeEnd);
                int from = schemeEnd < 0 ? 0 : schemeEnd + 3;
                int to = from;
                while (to < uri.length() && "/?#".indexOf(uri.charAt(to)) < 0) {
                    to++;
                }
                int at = uri.lastIndexOf('@', to - 1);
                if (at >= from) {
                    from = at + 1;
                }
                int colon = uri.lastIndexOf(':', to - 1);
                int bracket = uri.lastIndexOf(']', to - 1);
                if (colon >= from && colon > bracket) {
                    host = uri.substring(from, colon);
                    port = Integer.parseInt(uri.substring(colon + 1, to));
                } else {
                    host = uri.substring(from, to);
                    port = "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? 443 : 80;
                }
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
            }
            long start = Weft.client().start(method, host, port);
            if (start == ClientRecorder.NOT_TIMED) {
                return actual;
            }
            return new ClientExchange(actual, start, method, host, port);
        } catch (Throwable t) {
            Weft.adviceError(t);
            return actual;
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        upstream = s;
        actual.onSubscribe(this);
    }

    @Override
    public void onNext(Connection connection) {
        end(connection instanceof HttpClientResponse ? status((HttpClientResponse) connection) : ClientRecorder.NO_STATUS,
                null);
        actual.onNext(connection);
    }

    @Override
    public void onError(Throwable error) {
        end(ClientRecorder.NO_STATUS, error);
        actual.onError(error);
    }

    @Override
    public void onComplete() {
        end(ClientRecorder.NO_STATUS, null); // without a response only if the source completed empty
        actual.onComplete();
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }

    @Override
    public void cancel() {
        end(ClientRecorder.NO_STATUS, CANCELLED);
        upstream.cancel();
    }

    private static int status(HttpClientResponse response) {
        try {
            return response.status().code();
        } catch (Throwable t) {
            Weft.adviceError(t);
            return ClientRecorder.NO_STATUS;
        }
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
