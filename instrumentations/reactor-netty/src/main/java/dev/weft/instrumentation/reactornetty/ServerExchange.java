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
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerState;
import reactor.util.context.Context;

/**
 * One request on a Reactor Netty server, from its headers to the end of its response: recorded once,
 * when the handler's {@code Publisher<Void>} completes (the response body is written; a stream's last
 * event is), fails, or is cancelled (the connection closed first), on whichever thread that happens.
 * It subscribes to that publisher in place of Reactor Netty's subscriber and passes every signal on.
 *
 * <p>It is the request's {@link RouteSlot}, reachable through a channel attribute while the request
 * is served, so that WebFlux's advice can hand it the matched pattern.
 *
 * <p>Not loaded by the agent: injected into Reactor Netty's class loader; never throws into Reactor.
 */
public final class ServerExchange extends RouteSlot implements CoreSubscriber<Void>, Subscription {

    private static final AttributeKey<Object> SLOT = AttributeKey.valueOf(RouteSlot.NETTY_ATTRIBUTE);
    /**
     * The error of a request whose connection went away before its response ended: the client gave
     * up (or the server was stopped). Shared: only its class name is recorded.
     */
    private static final CancellationException CANCELLED =
            new CancellationException("the connection closed before the response ended");
    private static final int COMPLETED = 1;
    private static final int FAILED = 2;
    private static final int CANCEL = 3;
    /** The handler threw: no response at all; counted as the 500 a servlet container would send. */
    private static final int THREW = 4;
    private static final AtomicIntegerFieldUpdater<ServerExchange> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ServerExchange.class, "ended");

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Channel channel;
    private final Attribute<Object> slot;
    private final long start;
    private final String method;
    private volatile int ended;
    private volatile CoreSubscriber<? super Void> actual;
    private volatile Subscription upstream;
    private volatile boolean bodySent;

    private ServerExchange(HttpServerRequest request, HttpServerResponse response, Channel channel,
                           Attribute<Object> slot, long start, String method) {
        this.request = request;
        this.response = response;
        this.channel = channel;
        this.slot = slot;
        this.start = start;
        this.method = method;
    }

    /**
     * Starts timing a request whose headers arrived, as the server's handler is about to be applied;
     * null for other state changes, untimed requests, or when anything failed.
     */
    public static ServerExchange received(Connection connection, ConnectionObserver.State state) {
        if (state != HttpServerState.REQUEST_RECEIVED
                || !(connection instanceof HttpServerRequest) || !(connection instanceof HttpServerResponse)) {
            return null;
        }
        try {
            HttpServerRequest request = (HttpServerRequest) connection;
            String method = request.method().name();
            long start = Weft.server().start(method);
            if (start == ServerRecorder.NOT_TIMED) {
                return null;
            }
            Channel channel = connection.channel();
            Attribute<Object> slot = channel.attr(SLOT);
            ServerExchange exchange = new ServerExchange(request, (HttpServerResponse) connection, channel, slot,
                    start, method);
            slot.set(exchange);
            return exchange;
        } catch (Throwable t) {
            Weft.adviceError(t);
            return null;
        }
    }

    /**
     * The subscriber Reactor Netty subscribes to the handler's publisher with: this request's exchange
     * in front of its own, for the first subscriber a server request's operations hand out.
     */
    @SuppressWarnings("unchecked")
    public static CoreSubscriber<Void> subscriber(Object operations, CoreSubscriber<Void> subscriber) {
        if (!(operations instanceof HttpServerResponse) || subscriber == null) {
            return subscriber;
        }
        try {
            Object found = ((Connection) operations).channel().attr(SLOT).get();
            if (found instanceof ServerExchange) {
                ServerExchange exchange = (ServerExchange) found;
                if (exchange.response == operations && exchange.actual == null) {
                    exchange.actual = subscriber;
                    return exchange;
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
        return subscriber;
    }

    /** The response's last part was handed to Netty: the response is complete as far as the server goes. */
    public static void bodySent(Object operations) {
        if (!(operations instanceof HttpServerResponse)) {
            return;
        }
        Object found = ((Connection) operations).channel().attr(SLOT).get();
        if (found instanceof ServerExchange && ((ServerExchange) found).response == operations) {
            ((ServerExchange) found).bodySent = true;
        }
    }

    /**
     * The handler was applied. Not subscribed means it threw: Reactor Netty logged it and closed the
     * connection, and the client sees no response.
     */
    public void handled() {
        if (actual == null && !channel.isActive()) {
            end(THREW, null);
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        upstream = s;
        actual.onSubscribe(this);
    }

    @Override
    public void onNext(Void nothing) {
        actual.onNext(nothing);
    }

    @Override
    public void onError(Throwable error) {
        end(FAILED, error);
        actual.onError(error);
    }

    @Override
    public void onComplete() {
        end(COMPLETED, null);
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

    /**
     * Reactor Netty gives up on the handler's publisher: the connection closed before the response
     * ended, or the response was written in full (Reactor Netty then terminates the request itself).
     */
    @Override
    public void cancel() {
        if (bodySent) {
            end(COMPLETED, null);
        } else {
            end(CANCEL, CANCELLED);
        }
        upstream.cancel();
    }

    private void end(int how, Throwable error) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            int status;
            if (how == COMPLETED) {
                status = response.status().code();
            } else if (how == FAILED) {
                // Reactor Netty answers 500 if no status was sent yet; else the response is cut short
                status = response.hasSentHeaders() ? response.status().code() : 500;
            } else if (how == CANCEL) {
                status = response.hasSentHeaders() ? response.status().code() : 0;
            } else {
                status = 500;
            }
            slot.compareAndSet(this, null); // the next request on a keep-alive connection may have set its own
            ServerRecorder recorder = Weft.server();
            String template = template();
            String route = template != null && !(isMiss(status) && template.endsWith("**"))
                    ? recorder.templateRoute(basePath(), null, template)
                    : recorder.pathRoute("", request.uri(), status);
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
