package dev.weft.bootstrap;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * Records an asynchronous client call when its future completes. Advice attaches one to the future
 * it hands back to the application:
 *
 * <pre>{@code
 * future.whenComplete(new AsyncClientCall(start, "GET", "api.example.com", 443));
 * }</pre>
 *
 * A failed future records the exception's class (unwrapped from {@code CompletionException}); a
 * cancelled one records {@code java.util.concurrent.CancellationException}.
 *
 * <p>The response type belongs to the client library (Java 11's {@code java.net.http.HttpResponse}),
 * which this Java 8 class path cannot name: the instrumentation installs a {@link #readStatusWith
 * status reader} for it, from the agent's class loader, at start-up.
 */
public final class AsyncClientCall implements BiConsumer<Object, Throwable> {

    private static volatile ToIntFunction<Object> statusReader;

    private final long startNanos;
    private final String method;
    private final String host;
    private final int port;

    public AsyncClientCall(long startNanos, String method, String host, int port) {
        this.startNanos = startNanos;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /** Called once by the instrumentation that attaches these calls. */
    public static void readStatusWith(ToIntFunction<Object> reader) {
        statusReader = reader;
    }

    @Override
    public void accept(Object response, Throwable error) {
        try {
            int status = ClientRecorder.NO_STATUS;
            ToIntFunction<Object> reader = statusReader;
            if (error == null && response != null && reader != null) {
                status = reader.applyAsInt(response);
            }
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            Weft.client().end(startNanos, method, host, port, status, cause);
        } catch (Throwable t) {
            // runs on the client's threads: never let a recording failure reach the application
            Weft.adviceError(t);
        }
    }
}
