package dev.weft.instrumentation.netty;

import dev.weft.bootstrap.Weft;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The requests of one HTTP/1.1 connection being served, oldest first: the connection answers them in
 * that order, so a response's head and last part belong to the oldest request not yet answered. Kept
 * as a channel attribute from the connection's first request; listens to the channel's close, which
 * ends every request still waiting as cancelled.
 *
 * <p>A connection a known framework serves gets {@link #NOT_OURS} in place of a connection: that
 * framework's own instrumentation records its requests. So does a pipeline without a response encoder
 * (a request decoder that only parses bytes), whose requests would never end.
 *
 * <p>Not loaded by the agent: injected into Netty's class loader; never throws into Netty.
 */
public final class NettyConnection implements ChannelFutureListener {

    private static final AttributeKey<Object> KEY = AttributeKey.valueOf("dev.weft.instrumentation.netty.NettyConnection");
    /** The attribute of a connection some framework serves, or that sends no responses: nothing is timed on it. */
    private static final Object NOT_OURS = new Object();
    /**
     * Packages of the frameworks whose requests are recorded at their own layer (or deliberately not
     * at all when their module is disabled); a handler of one of them in the pipeline says who serves.
     */
    private static final String[] FRAMEWORK_PACKAGES = {
        "reactor.netty.", "io.vertx.", "io.micronaut.", "org.glassfish.jersey.", "io.helidon.",
    };

    private final ArrayDeque<NettyExchange> waiting = new ArrayDeque<NettyExchange>(2);

    private NettyConnection() {}

    /** The request decoder added {@code out[from..]}: times each request head among them. */
    public static void decoded(ChannelHandlerContext ctx, List<Object> out, int from) {
        try {
            NettyConnection connection = null;
            for (int i = from; i < out.size(); i++) {
                Object message = out.get(i);
                if (!(message instanceof HttpRequest)) {
                    continue;
                }
                if (connection == null) {
                    connection = of(ctx);
                    if (connection == null) {
                        return;
                    }
                }
                NettyExchange exchange = NettyExchange.start((HttpRequest) message);
                if (exchange != null) {
                    connection.add(exchange);
                }
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The response encoder takes {@code message}: a response head, its last part, or both at once. */
    public static void encoding(ChannelHandlerContext ctx, Object message) {
        try {
            Object found = ctx.channel().attr(KEY).get();
            if (found instanceof NettyConnection) {
                ((NettyConnection) found).encoding(message);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** This channel's connection, made on its first request; null on a channel not ours, or closed. */
    private static NettyConnection of(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        Attribute<Object> attribute = channel.attr(KEY);
        Object found = attribute.get();
        if (found instanceof NettyConnection) {
            return (NettyConnection) found;
        }
        if (found != null || !channel.isActive()) {
            return null; // not ours, or a request decoded as the connection closes
        }
        if (!servesPlainHttp(ctx.pipeline())) {
            attribute.set(NOT_OURS);
            return null;
        }
        NettyConnection connection = new NettyConnection();
        attribute.set(connection);
        channel.closeFuture().addListener(connection);
        return connection;
    }

    /**
     * Whether the pipeline answers requests with a response encoder of Netty's and no framework's
     * handler: not a framework's server, nor a request decoder used alone to parse bytes.
     */
    private static boolean servesPlainHttp(ChannelPipeline pipeline) {
        boolean encodes = false;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            ChannelHandler handler = entry.getValue();
            String name = handler.getClass().getName();
            for (String framework : FRAMEWORK_PACKAGES) {
                if (name.startsWith(framework)) {
                    return false;
                }
            }
            encodes |= handler instanceof HttpServerCodec || handler instanceof HttpResponseEncoder;
        }
        return encodes;
    }

    private synchronized void add(NettyExchange exchange) {
        waiting.add(exchange);
    }

    private void encoding(Object message) {
        NettyExchange exchange;
        boolean last = message instanceof LastHttpContent;
        synchronized (this) {
            exchange = waiting.peek();
            if (exchange == null) {
                return;
            }
            if (message instanceof HttpResponse) {
                int status = ((HttpResponse) message).status().code();
                if (status < 200 && status != 101) {
                    return; // an interim response (100 Continue): the request goes on
                }
                exchange.head((HttpResponse) message, status);
            }
            if (!last) {
                return;
            }
            waiting.poll();
        }
        exchange.end(NettyExchange.COMPLETED);
    }

    /** The channel closed: the requests still waiting for (the end of) their response were abandoned. */
    @Override
    public void operationComplete(ChannelFuture future) {
        try {
            NettyExchange exchange;
            while ((exchange = poll()) != null) {
                exchange.end(NettyExchange.CANCELLED);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    private synchronized NettyExchange poll() {
        return waiting.poll();
    }
}
