package dev.weft.instrumentation.javahttpclient;

import java.net.http.HttpResponse;
import java.util.function.ToIntFunction;

/**
 * Reads the status of a completed {@code sendAsync} for {@code dev.weft.bootstrap.AsyncClientCall},
 * which, being Java 8 code, cannot name {@link HttpResponse}. Loaded by the agent's class loader,
 * whose parent (the platform loader) defines {@code java.net.http}.
 */
final class ResponseStatus implements ToIntFunction<Object> {

    @Override
    public int applyAsInt(Object response) {
        return ((HttpResponse<?>) response).statusCode();
    }
}
