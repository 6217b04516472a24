package dev.weft.instrumentation.micronaut;

import static dev.weft.instrumentation.api.Matchers.declaresField;
import static dev.weft.instrumentation.api.Matchers.declaresMethod;
import static dev.weft.instrumentation.api.Matchers.isPrivate;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.returns;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.Transformations;

/**
 * Micronaut 4 (4.4 and later): its Netty HTTP server and its HTTP client.
 *
 * <p>Server: one class is woven, {@code io.micronaut.http.server.netty.RoutingInBoundHandler}, the
 * request handler that both of Micronaut's Netty handlers (HTTP/1.1 pipelining, HTTP/2 streams) hand
 * every request to, at three methods: {@code accept} starts a {@link MicronautExchange},
 * {@code writeResponse} notes the response (status, the exception Micronaut's error handling
 * answered), and {@code responseWritten}, which Micronaut calls once the response's last part went
 * to Netty (or was discarded), records it, with the URI template of the route Micronaut matched. The
 * {@code attachment} method of Micronaut's two {@code OutboundAccess} implementations links the
 * request object Micronaut makes (and routes) to the exchange early, so that a request cancelled
 * before its response keeps its route. The exchange lives in a
 * per-channel {@link MicronautConnection}, which also records the requests a closing connection leaves
 * unanswered, as cancelled. Requests Micronaut answers before its router (WebSocket upgrades, the
 * HTTP-to-HTTPS redirect) are not timed.
 *
 * <p>Client: {@code DefaultHttpClient}'s private {@code exchange}, which returns the {@code Mono} of
 * one logical request for {@code exchange}, {@code retrieve}, the blocking client and declarative
 * clients; a {@link MicronautClientCall} observes it. The streaming calls ({@code dataStream},
 * {@code jsonStream}, {@code eventStream}, {@code exchangeStream}) and the proxy client are not timed.
 */
public final class MicronautModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.micronaut.";
    private static final String ROUTING_HANDLER = "io.micronaut.http.server.netty.RoutingInBoundHandler";
    private static final String CLIENT = "io.micronaut.http.client.netty.DefaultHttpClient";
    /** The two {@code OutboundAccess} implementations: HTTP/1.1 responses, HTTP/2 and HTTP/3 streams. */
    private static final String HTTP1_ACCESS = "io.micronaut.http.server.netty.handler.PipeliningServerHandler$OutboundAccessImpl";
    private static final String STREAM_ACCESS = "io.micronaut.http.server.netty.handler.MultiplexedServerHandler$MultiplexedStream";

    @Override
    public String name() {
        return "micronaut";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(ROUTING_HANDLER, HTTP1_ACCESS, STREAM_ACCESS, CLIENT);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        Matcher<MethodView> writeResponse = named("writeResponse").and(takesArguments(4))
                .and(takesArgument(1, named("io.micronaut.http.server.netty.NettyHttpRequest")))
                .and(takesArgument(2, named("io.micronaut.http.HttpResponse")))
                .and(takesArgument(3, Throwable.class));
        Matcher<MethodView> exchange = named("exchange").and(isPrivate()).and(takesArguments(4))
                .and(takesArgument(0, named("io.micronaut.http.HttpRequest")))
                .and(returns(named("reactor.core.publisher.Mono")));
        return builder
                .type(named(ROUTING_HANDLER).and(declaresMethod(writeResponse)),
                        ClassLoaders.canSee(ROUTING_HANDLER).and(ClassLoaders.requires(name(),
                                "io.micronaut.http.server.netty.handler.OutboundAccess", "Micronaut before 4.4")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "MicronautConnection", PACKAGE + "MicronautExchange"))
                .transform(advices.forModule(this)
                        .advice(named("accept").and(takesArguments(4))
                                        .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")))
                                        .and(takesArgument(1, named("io.netty.handler.codec.http.HttpRequest"))),
                                PACKAGE + "AcceptAdvice")
                        .advice(writeResponse, PACKAGE + "WriteResponseAdvice")
                        .advice(named("responseWritten").and(takesArguments(1)), PACKAGE + "ResponseWrittenAdvice"))
                .type(namedOneOf(HTTP1_ACCESS, STREAM_ACCESS),
                        ClassLoaders.canSee(ROUTING_HANDLER).and(ClassLoaders.requires(name(),
                                "io.micronaut.http.server.netty.handler.OutboundAccess", "Micronaut before 4.4")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "MicronautConnection", PACKAGE + "MicronautExchange"))
                .transform(advices.forModule(this).advice(
                        named("attachment").and(takesArguments(1)).and(takesArgument(0, Object.class)),
                        PACKAGE + "AttachmentAdvice"))
                .type(named(CLIENT).and(declaresField(named("loadBalancer"))).and(declaresMethod(exchange)),
                        ClassLoaders.canSee(CLIENT).and(ClassLoaders.requires(name(),
                                "io.micronaut.http.client.netty.BlockHint", "a Micronaut client before 4.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "MicronautClientCall"))
                .transform(advices.forModule(this).advice(exchange, PACKAGE + "ExchangeAdvice"));
    }
}
