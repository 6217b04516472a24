package dev.weft.instrumentation.netty;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * A Netty HTTP/1.1 server that no known framework runs: a hand-written {@code ServerBootstrap} with
 * {@code HttpServerCodec} (or {@code HttpRequestDecoder} and {@code HttpResponseEncoder}) and the
 * application's own handlers.
 *
 * <p>Two codec methods are woven, present in every Netty 4 release: {@code HttpObjectDecoder.decode},
 * where a request decoder emits each request's head, and {@code HttpObjectEncoder.encode}, where a
 * response encoder takes each part of a response. A {@link NettyConnection}, kept as a channel
 * attribute, times the requests of one connection in order (HTTP/1.1 answers them in order): each
 * from its head until the last part of its response reaches the encoder, or until the connection
 * closes first. Netty has no routes: the route is the bounded path heuristic, and {@code unmatched}
 * for a 404 or 405.
 *
 * <p>A connection whose pipeline holds a handler of a framework that Weft measures at its own layer
 * (Reactor Netty, Vert.x, Micronaut, Jersey's Netty container, Helidon) is left to that framework,
 * whether or not its module is installed: a request is never counted twice.
 */
public final class NettyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.netty.";
    private static final String DECODER = "io.netty.handler.codec.http.HttpObjectDecoder";
    private static final String ENCODER = "io.netty.handler.codec.http.HttpObjectEncoder";

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(DECODER, ENCODER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(DECODER), ClassLoaders.canSee(DECODER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "NettyConnection", PACKAGE + "NettyExchange"))
                .transform(advices.forModule(this).advice(
                        named("decode").and(takesArguments(3))
                                .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")))
                                .and(takesArgument(2, named("java.util.List"))),
                        PACKAGE + "DecodeAdvice"))
                .type(named(ENCODER), ClassLoaders.canSee(ENCODER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "NettyConnection", PACKAGE + "NettyExchange"))
                .transform(advices.forModule(this).advice(
                        named("encode").and(takesArguments(3))
                                .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")))
                                .and(takesArgument(1, Object.class))
                                .and(takesArgument(2, named("java.util.List"))),
                        PACKAGE + "EncodeAdvice"));
    }
}
