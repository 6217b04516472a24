package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says so, once, when the application loads an HTTP server stack that no installed module measures:
 * without a word, its scrape would show JVM metrics and no request series, which looks like an idle
 * server rather than an unmeasured one.
 *
 * <pre>
 * weft: found Helidon WebServer (io.helidon.webserver.WebServer), which Weft does not instrument: its requests are not measured
 * </pre>
 *
 * <p>It runs in the class-file filter, on every class that loads: one hash lookup of the class name,
 * nothing parsed. A few stacks are told apart by what else their loader holds (Undertow under a
 * servlet container is measured by the servlet modules), asked only when their class loads.
 */
final class UncoveredStacks {

    /** An uncovered stack: found by one class, unless its loader also holds one of {@code coveredBy}. */
    private static final class Stack {
        final String description;
        final String[] coveredBy;
        final AtomicBoolean reported = new AtomicBoolean();

        Stack(String description, String... coveredBy) {
            this.description = description;
            this.coveredBy = coveredBy;
        }
    }

    private final Map<String, Stack> byClass = new HashMap<String, Stack>();

    /** The stacks not covered when the named modules are installed. */
    UncoveredStacks(Collection<String> installedModules) {
        if (!installedModules.contains("vertx")) {
            add("io/vertx/core/http/HttpServer", new Stack("Vert.x HTTP server (io.vertx.core.http.HttpServer; the"
                    + " vertx instrumentation is disabled)"));
        } else {
            // the vertx instrumentation weaves Vert.x 4 internals; Vert.x 5 moved this class away
            add("io/vertx/core/http/HttpServer", new Stack("Vert.x 5 HTTP server (io.vertx.core.http.HttpServer)",
                    "io/vertx/core/http/impl/HttpServerRequestInternal.class"));
        }
        if (!installedModules.contains("micronaut")) {
            add("io/micronaut/http/server/netty/NettyHttpServer",
                    new Stack("Micronaut HTTP server (io.micronaut.http.server.netty.NettyHttpServer; the micronaut"
                            + " instrumentation is disabled)"));
        }
        add("io/helidon/webserver/WebServer", installedModules.contains("helidon")
                ? new Stack("Helidon WebServer 2.x or 3.x (io.helidon.webserver.WebServer; the helidon"
                        + " instrumentation covers 4.x)", "io/helidon/webserver/http/HttpRoutingImpl.class")
                : new Stack("Helidon WebServer (io.helidon.webserver.WebServer; the helidon instrumentation is"
                        + " disabled)"));
        if (!installedModules.contains("undertow")) {
            add("io/undertow/Undertow", new Stack("Undertow core without servlets (io.undertow.Undertow; the"
                    + " undertow instrumentation is disabled)", "io/undertow/servlet/api/DeploymentManager.class"));
        }
        if (!installedModules.contains("netty")) {
            add("io/netty/handler/codec/http/HttpServerCodec",
                    new Stack("a plain Netty HTTP server (io.netty.handler.codec.http.HttpServerCodec; the netty"
                            + " instrumentation is disabled)",
                            "reactor/netty/http/server/HttpServer.class",
                            "io/vertx/core/http/HttpServer.class",
                            "io/micronaut/http/server/netty/NettyHttpServer.class",
                            "io/helidon/webserver/WebServer.class",
                            "org/glassfish/jersey/netty/httpserver/NettyHttpContainer.class"));
        }
        if (!installedModules.contains("reactor-netty")) {
            add("reactor/netty/http/server/HttpServer",
                    new Stack("Reactor Netty HTTP server (reactor.netty.http.server.HttpServer; the reactor-netty"
                            + " instrumentation is disabled)"));
        }
    }

    private void add(String internalName, Stack stack) {
        byClass.put(internalName, stack);
    }

    /** Called for each class as it loads. */
    void loaded(ClassLoader loader, String internalName) {
        Stack stack = byClass.get(internalName);
        if (stack == null || loader == null || stack.reported.get()) {
            return;
        }
        try {
            for (String covering : stack.coveredBy) {
                if (loader.getResource(covering) != null) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            return; // a loader that fails to answer: say nothing rather than something wrong
        }
        if (stack.reported.compareAndSet(false, true)) {
            Log.info("found " + stack.description + ", which Weft does not instrument: its requests are not"
                    + " measured (docs/metrics.md lists the covered stacks)");
        }
    }
}
