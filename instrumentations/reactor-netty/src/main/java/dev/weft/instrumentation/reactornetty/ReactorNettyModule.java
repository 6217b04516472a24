package dev.weft.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Reactor Netty 1.x, HTTP server and client (and so Spring WebFlux's server and {@code WebClient}).
 *
 * <p>Server: {@code HttpServer.handle(handler)}, through which {@code route(...)} and every
 * framework on Reactor Netty install their request handler, gets the handler wrapped in a
 * {@link RecordingHandler}. It starts a {@link ServerExchange} per request and observes the
 * {@code Publisher<Void>} the handler returns, which completes once the response body is written
 * (a server-sent-event stream, when its last event is), fails, or is cancelled when the client goes
 * away. Reactor Netty has no route of its own: a framework on top (WebFlux) fills the request's
 * {@link dev.weft.bootstrap.RouteSlot}; without one the path heuristic applies.
 *
 * <p>Client: {@code HttpClientConnect.MonoHttpConnect.subscribe}, one subscription per logical
 * request; redirects and connection retries happen inside it ({@code retryWhen}), so they are not
 * recorded again. Its subscriber is wrapped in a {@link ClientExchange}, which records when the
 * response headers arrive, the request fails, or the subscriber cancels.
 */
public final class ReactorNettyModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.reactornetty.";
    private static final String HTTP_SERVER = "reactor.netty.http.server.HttpServer";
    private static final String MONO_HTTP_CONNECT = "reactor.netty.http.client.HttpClientConnect$MonoHttpConnect";

    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(HTTP_SERVER, MONO_HTTP_CONNECT);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(HTTP_SERVER),
                        ClassLoaders.canSee(HTTP_SERVER).and(ClassLoaders.requires(name(),
                                "reactor.netty.http.server.HttpServerConfig", "Reactor Netty before 1.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ServerExchange", PACKAGE + "RecordingHandler"))
                .transform(advices.forModule(this).advice(
                        named("handle").and(takesArguments(1)).and(takesArgument(0, named("java.util.function.BiFunction"))),
                        PACKAGE + "HandleAdvice"))
                .type(named(MONO_HTTP_CONNECT),
                        ClassLoaders.canSee(HTTP_SERVER.replace("server.HttpServer", "client.HttpClientConfig")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "ClientExchange"))
                .transform(advices.forModule(this).advice(
                        named("subscribe").and(takesArguments(1))
                                .and(takesArgument(0, named("reactor.core.CoreSubscriber"))),
                        PACKAGE + "ConnectAdvice"));
    }
}
