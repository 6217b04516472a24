package dev.weft.instrumentation.reactornetty;

import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Reactor Netty request handler that times each request of the handler it wraps: it behaves as
 * that handler, with the same {@code Publisher<Void>} watched by a {@link ServerExchange}.
 *
 * <p>Not loaded by the agent: injected into Reactor Netty's class loader. It uses Reactor Netty's
 * API, the JDK and {@code dev.weft.bootstrap} only, and what the handler throws or returns reaches
 * Reactor Netty unchanged.
 */
public final class RecordingHandler
        implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private final BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> delegate;

    private RecordingHandler(
            BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> delegate) {
        this.delegate = delegate;
    }

    /** The handler to install in place of {@code handler}; it is itself when null or already wrapped. */
    public static BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> wrap(
            BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
        return handler == null || handler instanceof RecordingHandler ? handler : new RecordingHandler(handler);
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        ServerExchange exchange = ServerExchange.start(request, response);
        Publisher<Void> result;
        try {
            result = delegate.apply(request, response);
        } catch (Throwable t) {
            if (exchange != null) {
                exchange.thrown(t);
            }
            throw t;
        }
        return exchange == null ? result : exchange.watch(result);
    }

    @Override
    public String toString() {
        return delegate.toString(); // Reactor Netty logs the handler it applies: the application's, as without us
    }
}
