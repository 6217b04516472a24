package dev.weft.instrumentation.reactornetty;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Reactor Netty 1.x, HTTP server and client (and so Spring WebFlux's server and {@code WebClient}).
 *
 * <p>Server: per request, at the two places Reactor Netty applies a server's handler
 * ({@code HttpServer.HttpServerHandle.onStateChange} on {@code REQUEST_RECEIVED}) and subscribes to the
 * {@code Publisher<Void>} it returns ({@code ChannelOperations.disposeSubscriber}). A
 * {@link ServerExchange} starts with the first and takes the subscriber's place at the second: that
 * publisher completes once the response body is written (a server-sent-event stream, when its last
 * event is), fails, or is cancelled when the connection closes first. Being per request rather than
 * per server ({@code HttpServer.handle}), it also times servers bound before the agent was ready.
 * Reactor Netty cancels that subscription itself once a response is written in full
 * ({@code HttpOperations.markSentBody}/{@code markSentHeaderAndBody} tell that case apart from a
 * client that went away). Reactor Netty has no route of its own: a framework on top (WebFlux) fills the request's
 * {@link dev.weft.bootstrap.RouteSlot}; without one the path heuristic applies. Both woven classes
 * must share a class loader (they do on a class path; separate OSGi bundles are not supported).
 *
 * <p>Client: {@code HttpClientConnect.MonoHttpConnect.subscribe}, one subscription per logical
 * request; redirects and connection retries happen inside it ({@code retryWhen}), so they are not
 * recorded again. Its subscriber is wrapped in a {@link ClientExchange}, which records when the
 * response headers arrive, the request fails, or the subscriber cancels.
 */
public final class ReactorNettyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.reactornetty.";
    private static final String SERVER_HANDLE = "reactor.netty.http.server.HttpServer$HttpServerHandle";
    private static final String SERVER_HANDLE_CLASS = "reactor.netty.http.server.HttpServer";
    private static final String CHANNEL_OPERATIONS = "reactor.netty.channel.ChannelOperations";
    private static final String HTTP_OPERATIONS = "reactor.netty.http.HttpOperations";
    private static final String MONO_HTTP_CONNECT = "reactor.netty.http.client.HttpClientConnect$MonoHttpConnect";

    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(SERVER_HANDLE, CHANNEL_OPERATIONS, HTTP_OPERATIONS, MONO_HTTP_CONNECT);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(SERVER_HANDLE),
                        ClassLoaders.canSee(SERVER_HANDLE_CLASS).and(ClassLoaders.requires(name(),
                                "reactor.netty.http.server.HttpServerConfig", "Reactor Netty before 1.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ServerExchange"))
                .transform(advices.forModule(this).advice(
                        named("onStateChange").and(takesArguments(2)),
                        PACKAGE + "RequestReceivedAdvice"))
                .type(named(CHANNEL_OPERATIONS),
                        ClassLoaders.canSee(SERVER_HANDLE_CLASS).and(ClassLoaders.requires(name(),
                                "reactor.netty.http.server.HttpServerConfig", "Reactor Netty before 1.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ServerExchange"))
                .transform(advices.forModule(this).advice(
                        named("disposeSubscriber").and(takesArguments(0)),
                        PACKAGE + "DisposeSubscriberAdvice"))
                .type(named(HTTP_OPERATIONS),
                        ClassLoaders.canSee(SERVER_HANDLE_CLASS).and(ClassLoaders.requires(name(),
                                "reactor.netty.http.server.HttpServerConfig", "Reactor Netty before 1.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ServerExchange"))
                .transform(advices.forModule(this).advice(
                        namedOneOf("markSentBody", "markSentHeaderAndBody"),
                        PACKAGE + "BodySentAdvice"))
                .type(named(MONO_HTTP_CONNECT),
                        ClassLoaders.canSee("reactor.netty.http.client.HttpClientConfig"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ClientExchange"))
                .transform(advices.forModule(this).advice(
                        named("subscribe").and(takesArguments(1))
                                .and(takesArgument(0, named("reactor.core.CoreSubscriber"))),
                        PACKAGE + "ConnectAdvice"));
    }
}
