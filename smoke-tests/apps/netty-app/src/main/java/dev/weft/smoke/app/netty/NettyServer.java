package dev.weft.smoke.app.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A home-grown Netty HTTP server on 127.0.0.1:{@code args[0]}: {@code ServerBootstrap},
 * {@code HttpServerCodec}, {@code HttpObjectAggregator} and one handler that routes by hand. Prints
 * READY when up.
 *
 * <table>
 *   <tr><td>{@code GET /orders/<digits>}</td><td>200 {@code order <id>}</td></tr>
 *   <tr><td>{@code POST /orders}</td><td>201 {@code created <length>}</td></tr>
 *   <tr><td>{@code GET /boom}</td><td>500</td></tr>
 *   <tr><td>{@code GET /slow/<ms>}</td><td>200 after ms milliseconds, from the event loop's scheduler</td></tr>
 *   <tr><td>{@code GET /chunks}</td><td>200, three chunks 100 ms apart</td></tr>
 *   <tr><td>{@code GET /hang}</td><td>never answered</td></tr>
 *   <tr><td>{@code /app/**}, {@code /catalog/**}</td><td>200 (a front controller's catch-all)</td></tr>
 *   <tr><td>anything else</td><td>404</td></tr>
 * </table>
 */
public final class NettyServer {

    private NettyServer() {}

    @SuppressWarnings("deprecation") // NioEventLoopGroup: deprecated in 4.2, the only way in 4.1
    public static void main(String[] args) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new Handler());
                        }
                    });
            Channel server = bootstrap.bind("127.0.0.1", Integer.parseInt(args[0])).sync().channel();
            System.out.println("READY");
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, HttpResponseStatus.BAD_REQUEST, "bad request\n", false);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            HttpMethod method = request.method();
            if (method.equals(HttpMethod.GET) && path.matches("/orders/[0-9]+")) {
                respond(ctx, HttpResponseStatus.OK, "order " + path.substring("/orders/".length()) + "\n", keepAlive);
            } else if (method.equals(HttpMethod.POST) && path.equals("/orders")) {
                respond(ctx, HttpResponseStatus.CREATED, "created " + request.content().readableBytes() + "\n", keepAlive);
            } else if (path.equals("/boom")) {
                respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "boom\n", keepAlive);
            } else if (path.matches("/slow/[0-9]+")) {
                long ms = Long.parseLong(path.substring("/slow/".length()));
                ctx.executor().schedule(() -> respond(ctx, HttpResponseStatus.OK, "slow " + ms + "\n", keepAlive),
                        ms, TimeUnit.MILLISECONDS);
            } else if (path.equals("/chunks")) {
                chunks(ctx, keepAlive);
            } else if (path.equals("/hang")) {
                return; // the client gives up first
            } else if (path.startsWith("/app/") || path.startsWith("/catalog/")) {
                respond(ctx, HttpResponseStatus.OK, "page\n", keepAlive);
            } else {
                respond(ctx, HttpResponseStatus.NOT_FOUND, "not found\n", keepAlive);
            }
        }

        /** A chunked response: its head now, three chunks 100 ms apart, then its end. */
        private static void chunks(ChannelHandlerContext ctx, boolean keepAlive) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.writeAndFlush(head);
            for (int i = 1; i <= 3; i++) {
                String chunk = "chunk " + i + "\n";
                boolean last = i == 3;
                ctx.executor().schedule(() -> {
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8)));
                    if (last) {
                        ctx.writeAndFlush(new DefaultLastHttpContent()).addListener(keepAlive
                                ? ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE : ChannelFutureListener.CLOSE);
                    }
                }, 100L * i, TimeUnit.MILLISECONDS);
            }
        }

        private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
