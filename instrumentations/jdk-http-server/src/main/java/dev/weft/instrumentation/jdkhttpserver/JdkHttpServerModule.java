package dev.weft.instrumentation.jdkhttpserver;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.bootstrap.ExchangeHook;
import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * The JDK's {@code com.sun.net.httpserver} with plain {@code HttpHandler}s (Java 9 and later).
 *
 * <p>Woven: {@code com.sun.net.httpserver.Filter.Chain.doFilter(HttpExchange)}, which the JDK's
 * server ({@code sun.net.httpserver.ServerImpl}) calls for each exchange it matched to a context, to
 * run the context's filters and then its handler. The outermost call on a thread starts a
 * {@link JdkExchange} and puts a stream in front of the response body; the request is recorded when
 * that stream (or the exchange) is closed, on whichever thread that happens, or when the handler
 * throws (the JDK then closes the connection without a response).
 *
 * <p>The class lives in the {@code jdk.httpserver} module of the platform class loader, which
 * cannot link to classes injected beside it: its advice calls only {@link ExchangeHook}, and
 * {@link JdkHttpServerHook}, installed here from the agent's loader, does the work. On Java 8 the
 * server is a boot class, which the agent does not weave.
 *
 * <p>Jersey on the JDK server times the request itself (it knows the resource template): as it
 * starts, this observation steps aside ({@link dev.weft.bootstrap.OuterRequest}).
 */
public final class JdkHttpServerModule implements InstrumentationModule {

    private static final String CHAIN = "com.sun.net.httpserver.Filter$Chain";

    @Override
    public String name() {
        return "jdk-http-server";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(CHAIN);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        ExchangeHook.installJdkHttpServer(new JdkHttpServerHook());
        return builder
                .type(named(CHAIN))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(
                        named("doFilter").and(takesArguments(1))
                                .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))),
                        "dev.weft.instrumentation.jdkhttpserver.DoFilterAdvice"));
    }
}
