package dev.weft.instrumentation.vertx;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.Transformations;

/**
 * Vert.x 4 (and so Quarkus): the core HTTP/1.x server, Vert.x Web's routes, the core
 * {@code HttpClient} (and what is built on it: Vert.x's WebClient, Quarkus' REST Client).
 *
 * <p>Server, HTTP/1.x: per request, where the connection begins it ({@code Http1xServerRequest.handleBegin},
 * which creates its response; pipelined requests begin once the previous response is done), where
 * it is done with its response ({@code Http1xServerConnection.responseComplete}, the one step every
 * way of ending a response goes through: {@code end}, {@code sendFile}, a WebSocket handshake), and
 * where its connection closes ({@code Http1xServerConnection.handleClosed}: a response still open then
 * is cancelled). HTTP/2 (TLS with ALPN, {@code h2c}): per stream, from {@code Http2ServerRequest.dispatch}
 * to {@code Http2ServerStream.onClose}, which comes once the response's last frame is written, or
 * when the stream is reset or its connection closes. A {@link VertxServerExchange} lives in the
 * request's own context, which is how the routing layers above reach it from any thread.
 *
 * <p>Routes: Vert.x Web runs each matching route's handler through {@code RouteState.handleContext};
 * the route current then (its path, its sub-router mounts) is the request's template
 * ({@link WebRoutes}). {@code RoutingContextImpl.fail(int, Throwable)}, where every failure of a
 * handler ends up, gives the exception of a 5xx. Quarkus REST and RESTEasy classic on Quarkus fill
 * the same slot (the {@code quarkus} module).
 *
 * <p>Client: {@code HttpClientImpl.doRequest(RequestOptions, Promise)}, where every {@code request(...)}
 * overload ends, starts a {@link VertxClientCall}. A redirect the client follows asks for its next
 * request from {@code HttpClientRequestImpl.handleResponse}, which {@link RedirectAdvice} marks.
 *
 * <p>Vert.x 5 moved these internals; its loaders are skipped (and the agent names its server as not
 * measured).
 */
public final class VertxModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.vertx.";
    private static final String SERVER_REQUEST = "io.vertx.core.http.impl.Http1xServerRequest";
    private static final String SERVER_CONNECTION = "io.vertx.core.http.impl.Http1xServerConnection";
    private static final String HTTP2_REQUEST = "io.vertx.core.http.impl.Http2ServerRequest";
    private static final String HTTP2_STREAM = "io.vertx.core.http.impl.Http2ServerStream";
    private static final String CLIENT = "io.vertx.core.http.impl.HttpClientImpl";
    private static final String CLIENT_REQUEST = "io.vertx.core.http.impl.HttpClientRequestImpl";
    private static final String ROUTE_STATE = "io.vertx.ext.web.impl.RouteState";
    private static final String ROUTING_CONTEXT = "io.vertx.ext.web.impl.RoutingContextImpl";
    /** In Vert.x 4 only: Vert.x 5 moved it to io.vertx.core.internal.http. */
    private static final String VERTX_4 = "io.vertx.core.http.impl.HttpServerRequestInternal";

    @Override
    public String name() {
        return "vertx";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(SERVER_REQUEST, SERVER_CONNECTION, HTTP2_REQUEST, HTTP2_STREAM, CLIENT, CLIENT_REQUEST, ROUTE_STATE, ROUTING_CONTEXT);
    }

    private Matcher<ClassLoader> vertx4(String libraryClass) {
        return ClassLoaders.canSee(libraryClass)
                .and(ClassLoaders.requires(name(), VERTX_4, "Vert.x 5, whose internals differ"));
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(SERVER_REQUEST), vertx4(SERVER_REQUEST))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "VertxServerExchange"))
                .transform(advices.forModule(this).advice(
                        named("handleBegin").and(takesArguments(2)),
                        PACKAGE + "ServerBeginAdvice"))
                .type(named(SERVER_CONNECTION), vertx4(SERVER_CONNECTION))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "VertxServerExchange"))
                .transform(advices.forModule(this)
                        .advice(named("responseComplete").and(takesArguments(0)), PACKAGE + "ResponseCompleteAdvice")
                        .advice(named("handleClosed").and(takesArguments(0)), PACKAGE + "ConnectionClosedAdvice"))
                .type(named(HTTP2_REQUEST), vertx4(HTTP2_REQUEST))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "VertxServerExchange"))
                .transform(advices.forModule(this).advice(
                        named("dispatch").and(takesArguments(1)),
                        PACKAGE + "StreamDispatchAdvice"))
                .type(named(HTTP2_STREAM), vertx4(HTTP2_STREAM))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "VertxServerExchange"))
                .transform(advices.forModule(this).advice(
                        named("onClose").and(takesArguments(0)),
                        PACKAGE + "StreamClosedAdvice"))
                .type(named(ROUTE_STATE), vertx4(ROUTE_STATE))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "WebRoutes"))
                .transform(advices.forModule(this).advice(
                        named("handleContext").and(takesArguments(1)),
                        PACKAGE + "RouteHandlerAdvice"))
                .type(named(ROUTING_CONTEXT), vertx4(ROUTING_CONTEXT))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "WebRoutes"))
                .transform(advices.forModule(this).advice(
                        named("fail").and(takesArguments(2)).and(takesArgument(0, int.class))
                                .and(takesArgument(1, Throwable.class)),
                        PACKAGE + "RoutingFailureAdvice"))
                .type(named(CLIENT), vertx4(CLIENT))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "VertxClientCall"))
                .transform(advices.forModule(this).advice(
                        named("doRequest").and(takesArguments(2))
                                .and(takesArgument(0, named("io.vertx.core.http.RequestOptions"))),
                        PACKAGE + "ClientRequestAdvice"))
                .type(named(CLIENT_REQUEST), vertx4(CLIENT_REQUEST))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("handleResponse").and(takesArguments(3))
                                .and(takesArgument(1, named("io.vertx.core.http.HttpClientResponse"))),
                        PACKAGE + "RedirectAdvice"));
    }
}
