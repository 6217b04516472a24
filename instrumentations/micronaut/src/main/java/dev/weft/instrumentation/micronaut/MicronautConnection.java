package dev.weft.instrumentation.micronaut;

import dev.weft.bootstrap.Weft;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.ArrayList;

/**
 * The requests Micronaut is serving on one connection (HTTP/1.1 requests in order, HTTP/2 streams
 * side by side), kept as a channel attribute from the connection's first request. A request is found
 * again by the objects Micronaut passes around for it: the {@code OutboundAccess} its response is
 * written through, and the {@code NettyHttpRequest} Micronaut attaches to it, which it hands back
 * once the response is written. Closing the channel ends every request still open as cancelled.
 *
 * <p>Handlers run on the connection's event loop, controllers on other threads, so the list is
 * guarded by this object. A request is recorded by whoever removes it from the list, once.
 *
 * <p>Not loaded by the agent: injected into Micronaut's class loader; never throws into Micronaut.
 */
public final class MicronautConnection implements ChannelFutureListener {

    private static final AttributeKey<Object> KEY =
            AttributeKey.valueOf("dev.weft.instrumentation.micronaut.MicronautConnection");

    private final ArrayList<MicronautExchange> open = new ArrayList<MicronautExchange>(2);

    private MicronautConnection() {}

    /** Micronaut's router receives {@code request}, to be answered through {@code outboundAccess}. */
    public static void accepted(ChannelHandlerContext ctx, HttpRequest request, Object outboundAccess) {
        try {
            Channel channel = ctx.channel();
            if (!channel.isActive()) {
                return;
            }
            MicronautExchange exchange = MicronautExchange.start(request, outboundAccess);
            if (exchange == null) {
                return;
            }
            of(channel).add(exchange);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** Micronaut made {@code attachment} of the request answered through {@code outboundAccess}. */
    public static void attached(Object outboundAccess, Object attachment) {
        try {
            if (!(attachment instanceof NettyHttpRequest)) {
                return;
            }
            NettyHttpRequest<?> request = (NettyHttpRequest<?>) attachment;
            Object found = request.getChannelHandlerContext().channel().attr(KEY).get();
            if (found instanceof MicronautConnection) {
                MicronautExchange exchange = ((MicronautConnection) found).find(outboundAccess);
                if (exchange != null) {
                    exchange.attached(request);
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** Micronaut writes {@code response} for the request answered through {@code outboundAccess}. */
    public static void responding(Object outboundAccess, NettyHttpRequest<?> request, HttpResponse<?> response,
                                  Throwable error) {
        try {
            Object found = request.getChannelHandlerContext().channel().attr(KEY).get();
            if (found instanceof MicronautConnection) {
                MicronautExchange exchange = ((MicronautConnection) found).find(outboundAccess);
                if (exchange != null) {
                    exchange.responding(request, response, error);
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** Micronaut is done with the response of the request it attached {@code attachment} to. */
    public static void written(Object attachment) {
        try {
            if (!(attachment instanceof NettyHttpRequest)) {
                return;
            }
            NettyHttpRequest<?> request = (NettyHttpRequest<?>) attachment;
            Channel channel = request.getChannelHandlerContext().channel();
            Object found = channel.attr(KEY).get();
            if (found instanceof MicronautConnection) {
                MicronautExchange exchange = ((MicronautConnection) found).remove(request);
                if (exchange != null) {
                    // discarded before Micronaut made a response (an HTTP/2 stream reset): the client gave up
                    exchange.end(exchange.responded());
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    private static MicronautConnection of(Channel channel) {
        Attribute<Object> attribute = channel.attr(KEY);
        Object found = attribute.get();
        if (found instanceof MicronautConnection) {
            return (MicronautConnection) found;
        }
        MicronautConnection connection = new MicronautConnection();
        Object raced = attribute.setIfAbsent(connection);
        if (raced instanceof MicronautConnection) {
            return (MicronautConnection) raced;
        }
        channel.closeFuture().addListener(connection);
        return connection;
    }

    private synchronized void add(MicronautExchange exchange) {
        open.add(exchange);
    }

    private synchronized MicronautExchange find(Object outboundAccess) {
        for (int i = 0; i < open.size(); i++) {
            MicronautExchange exchange = open.get(i);
            if (exchange.answeredThrough(outboundAccess)) {
                return exchange;
            }
        }
        return null;
    }

    private synchronized MicronautExchange remove(NettyHttpRequest<?> request) {
        for (int i = 0; i < open.size(); i++) {
            MicronautExchange exchange = open.get(i);
            if (exchange.isFor(request)) {
                return open.remove(i);
            }
        }
        return null;
    }

    private synchronized MicronautExchange poll() {
        return open.isEmpty() ? null : open.remove(0);
    }

    /**
     * The channel closed: the requests still open lost their client. Counted after the event loop's
     * current task: a response whose write closes the connection ({@code Connection: close}) closes it
     * before Micronaut reports the response written, on the same call stack; Micronaut discards the
     * responses of abandoned requests in a later task.
     */
    @Override
    public void operationComplete(ChannelFuture future) {
        try {
            future.channel().eventLoop().execute(this::abandoned);
        } catch (Throwable rejected) {
            abandoned(); // the event loop is shutting down
        }
    }

    private void abandoned() {
        try {
            MicronautExchange exchange;
            while ((exchange = poll()) != null) {
                exchange.end(false);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
