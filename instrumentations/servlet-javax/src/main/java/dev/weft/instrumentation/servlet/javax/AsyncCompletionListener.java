package dev.weft.instrumentation.servlet.javax;

import dev.weft.bootstrap.Weft;
import java.io.IOException;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletResponse;

/**
 * Records an asynchronous request when the container completes it, so its duration covers the
 * whole exchange rather than the return of {@code service}.
 *
 * <p>This class is not loaded by the agent: the agent defines it in the class loader of each
 * instrumented servlet container, where {@code javax.servlet} resolves. It may use only that API,
 * the JDK and {@code dev.weft.bootstrap}, and must never throw into the container.
 *
 * <p>One source for both namespaces: {@code servlet-jakarta} compiles this file with the servlet
 * package renamed (see its pom).
 */
public final class AsyncCompletionListener implements AsyncListener {

    private final long start;
    private final String method;
    private final String route;
    private final HttpServletResponse response;
    private final long requestBytes;
    private volatile Throwable error;

    public AsyncCompletionListener(long start, String method, String route, HttpServletResponse response,
                                   long requestBytes) {
        this.start = start;
        this.method = method;
        this.route = route;
        this.response = response;
        this.requestBytes = requestBytes;
    }

    @Override
    public void onComplete(AsyncEvent event) throws IOException {
        try {
            Throwable failure = error;
            int status = failure != null && response.getStatus() < 400 ? 500 : response.getStatus();
            Weft.server().end(start, method, route, status, failure, requestBytes, contentLength(response));
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    @Override
    public void onError(AsyncEvent event) throws IOException {
        error = event.getThrowable();
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        // the container completes a timed-out request next, and onComplete records it
    }

    /** A new asynchronous cycle drops the old listeners; stay registered until the last one completes. */
    @Override
    public void onStartAsync(AsyncEvent event) throws IOException {
        try {
            event.getAsyncContext().addListener(this);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }

    /** The response body size when the application declared it, else -1. */
    public static long contentLength(HttpServletResponse response) {
        String header = response.getHeader("Content-Length");
        if (header == null) {
            return -1L;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
