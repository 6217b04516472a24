package dev.weft.instrumentation.threadpools;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.namedOneOf;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.bootstrap.ServerThreadPools;
import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * The thread pools that serve HTTP requests, for the saturation metrics: Tomcat's connector pools,
 * Jetty's server pool, Undertow's XNIO worker and Reactor Netty's event-loop group.
 *
 * <p>Woven: the places where each server starts and where it hands a unit of work to its pool, and
 * there, only a call that names the pool's owner ({@link ServerThreadPools#serving}), which the agent
 * keeps weakly and reads at scrape time with the reader installed here:
 *
 * <ul>
 *   <li>Tomcat: {@code AbstractEndpoint.start()} and {@code processSocket(...)}; the endpoint.</li>
 *   <li>Jetty 9.4 to 12: {@code Server.doStart()} and {@code handle(...)}/{@code handleAsync(...)}; the server.</li>
 *   <li>Undertow: {@code Undertow.start()} and {@code Connectors.executeRootHandler(...)}; the XNIO worker.</li>
 *   <li>Reactor Netty 1.x: {@code HttpServer.HttpServerHandle.onStateChange(connection, REQUEST_RECEIVED)};
 *       the event-loop group of the connection.</li>
 * </ul>
 *
 * <p>The per-request places also find the pools of servers that started before an attach. One module
 * for the four servers: its name is what users disable to turn the saturation metrics off, apart from
 * the request metrics of each server's own module.
 */
public final class ThreadPoolsModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.threadpools.";
    private static final String TOMCAT_ENDPOINT = "org.apache.tomcat.util.net.AbstractEndpoint";
    private static final String JETTY_SERVER = "org.eclipse.jetty.server.Server";
    private static final String UNDERTOW = "io.undertow.Undertow";
    private static final String UNDERTOW_CONNECTORS = "io.undertow.server.Connectors";
    private static final String REACTOR_SERVER_HANDLE = "reactor.netty.http.server.HttpServer$HttpServerHandle";

    @Override
    public String name() {
        return "thread-pools";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(TOMCAT_ENDPOINT, JETTY_SERVER, UNDERTOW, UNDERTOW_CONNECTORS, REACTOR_SERVER_HANDLE);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        ServerThreadPools.installReader("tomcat", new TomcatEndpointReader());
        ServerThreadPools.installReader("jetty", new JettyServerReader());
        ServerThreadPools.installReader("undertow", new XnioWorkerReader());
        ServerThreadPools.installReader("netty", new NettyGroupReader());
        return builder
                .type(named(TOMCAT_ENDPOINT), ClassLoaders.canSee(TOMCAT_ENDPOINT))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("start").and(takesArguments(0))
                                .or(named("processSocket").and(takesArguments(3))),
                        PACKAGE + "TomcatEndpointAdvice"))
                .type(named(JETTY_SERVER), ClassLoaders.canSee(JETTY_SERVER))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("doStart").and(takesArguments(0))
                                // 12: handle(Request, Response, Callback); 9.4 to 11: handle(HttpChannel)
                                .or(namedOneOf("handle", "handleAsync").and(takesArguments(1).or(takesArguments(3)))),
                        PACKAGE + "JettyServerAdvice"))
                .type(named(UNDERTOW), ClassLoaders.canSee(UNDERTOW_CONNECTORS))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("start").and(takesArguments(0)),
                        PACKAGE + "UndertowStartAdvice"))
                .type(named(UNDERTOW_CONNECTORS), ClassLoaders.canSee(UNDERTOW_CONNECTORS))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("executeRootHandler").and(takesArguments(2))
                                .and(takesArgument(1, named("io.undertow.server.HttpServerExchange"))),
                        PACKAGE + "UndertowExchangeAdvice"))
                .type(named(REACTOR_SERVER_HANDLE),
                        ClassLoaders.canSee("reactor.netty.http.server.HttpServer").and(ClassLoaders.requires(name(),
                                "reactor.netty.http.server.HttpServerState", "Reactor Netty before 1.0")))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("onStateChange").and(takesArguments(2)),
                        PACKAGE + "ReactorNettyRequestAdvice"));
    }
}
