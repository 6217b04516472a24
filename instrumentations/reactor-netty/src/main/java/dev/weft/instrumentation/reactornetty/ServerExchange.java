package dev.weft.instrumentation.reactornetty;

import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request on a Reactor Netty server, from its headers to the end of its response: recorded once,
 * when the handler's {@code Publisher<Void>} completes (the response body is written), fails, or is
 * cancelled (the connection closed first), on whichever thread that happens.
 *
 * <p>It is the request's {@link RouteSlot}, reachable through a channel attribute while the request
 * is served, so that WebFlux's advice can hand it the matched pattern.
 *
 * <p>Not loaded by the agent: injected into Reactor Netty's class loader; never throws into Reactor.
 */
public final class ServerExchange extends RouteSlot implements Consumer<Signal<Void>>, Runnable {

    private static final AttributeKey<Object> SLOT = AttributeKey.valueOf(RouteSlot.NETTY_ATTRIBUTE);
    /**
     * The error of a request whose connection went away before its response ended: the client gave
     * up (or the server was stopped). Shared: only its class name is recorded.
     */
    private static final CancellationException CANCELLED =
            new CancellationException("the connection closed before the response ended");
    private static final AtomicIntegerFieldUpdater<ServerExchange> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ServerExchange.class, "ended");

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Attribute<Object> slot;
    private final long start;
    private final String method;
    private volatile int ended;

    private ServerExchange(HttpServerRequest request, HttpServerResponse response, Attribute<Object> slot,
                           long start, String method) {
        this.request = request;
        this.response = response;
        this.slot = slot;
        this.start = start;
        this.method = method;
    }

    /** Starts timing a request whose headers arrived; null when it is not timed or anything failed. */
    static ServerExchange start(HttpServerRequest request, HttpServerResponse response) {
        try {
            String method = request.method().name();
            long start = Weft.server().start(method);
            if (start == ServerRecorder.NOT_TIMED) {
                return null;
            }
            Attribute<Object> slot = null;
            if (request instanceof Connection) {
                Channel channel = ((Connection) request).channel();
                slot = channel.attr(SLOT);
            }
            ServerExchange exchange = new ServerExchange(request, response, slot, start, method);
            if (slot != null) {
                slot.set(exchange);
            }
            return exchange;
        } catch (Throwable t) {
            Weft.adviceError(t);
            return null;
        }
    }

    /** The handler's result, watched; unchanged but for the watching operators. */
    Publisher<Void> watch(Publisher<Void> result) {
        if (result == null) {
            // Reactor Netty fails such a handler with a NullPointerException and answers 500
            end(500, new NullPointerException("the handler returned null"));
            return null;
        }
        try {
            return Mono.fromDirect(result).doOnEach(this).doOnCancel(this);
        } catch (Throwable t) {
            end(500, t);
            Weft.adviceError(t);
            return result;
        }
    }

    /** The handler threw instead of returning: Reactor Netty closes the connection without a response. */
    void thrown(Throwable error) {
        end(500, error);
    }

    /** Completion or failure of the handler's publisher (it emits no items). */
    @Override
    public void accept(Signal<Void> signal) {
        if (signal.isOnComplete()) {
            end(status(), null);
        } else if (signal.isOnError()) {
            // Reactor Netty answers 500 if no status was sent yet; else the response is cut short
            end(response.hasSentHeaders() ? status() : 500, signal.getThrowable());
        }
    }

    /** Cancellation: the connection closed before the handler finished. */
    @Override
    public void run() {
        end(response.hasSentHeaders() ? status() : 0, CANCELLED);
    }

    private int status() {
        return response.status().code();
    }

    private void end(int status, Throwable error) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            if (slot != null) {
                slot.compareAndSet(this, null); // the next request on a keep-alive connection may have set its own
            }
            ServerRecorder recorder = Weft.server();
            String template = template();
            String route = template != null && !(isMiss(status) && template.endsWith("**"))
                    ? recorder.templateRoute(basePath(), null, template)
                    : recorder.pathRoute("", path(request.uri()), status);
            recorder.end(start, method, route, status, error,
                    length(request.requestHeaders()), length(response.responseHeaders()));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** Not found or method not allowed: a catch-all pattern ({@code /**}) matched, nothing was found. */
    private static boolean isMiss(int status) {
        return status == 404 || status == 405;
    }

    /** The path of a request target: no query or fragment, no scheme and authority (absolute form). */
    static String path(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "/";
        }
        int from = 0;
        if (uri.charAt(0) != '/') {
            int scheme = uri.indexOf("://");
            if (scheme >= 0) {
                int slash = uri.indexOf('/', scheme + 3);
                if (slash < 0) {
                    return "/";
                }
                from = slash;
            }
        }
        int end = uri.length();
        for (int i = from; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return from == 0 && end == uri.length() ? uri : uri.substring(from, end);
    }

    /** The declared body size, or -1. */
    private static long length(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
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
