package dev.weft.instrumentation.jaxrs.jersey;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.server.ContainerException;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Wraps the container's response writer of a request Jersey serves without a servlet container,
 * and records the request once, when the response is committed or fails, on whichever thread
 * that happens (asynchronous resources finish on another).
 *
 * <p>This class is not loaded by the agent: the agent defines it in Jersey's class loader. It may
 * use only Jersey's API, the JDK and {@code dev.weft.bootstrap}, and never throws into Jersey:
 * every delegated call behaves exactly as the container's own writer.
 */
public final class RecordingResponseWriter implements ContainerResponseWriter {

    private final ContainerResponseWriter delegate;
    private final long start;
    private final String method;
    private final String basePath;
    private final long requestBytes;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile String parent;
    private volatile String template;
    private volatile Throwable thrown;
    private volatile int status;
    private volatile long responseBytes = -1L;

    public RecordingResponseWriter(ContainerResponseWriter delegate, long start, String method, String basePath,
                                   long requestBytes) {
        this.delegate = delegate;
        this.start = start;
        this.method = method;
        this.basePath = basePath;
        this.requestBytes = requestBytes;
    }

    /** The templates of the matched resource method, innermost first, as Jersey lists them. */
    public void matched(List<UriTemplate> templates) {
        String up = null;
        for (int i = templates.size() - 1; i > 0; i--) {
            String t = templates.get(i).getTemplate();
            up = up == null ? t : up + "/" + t;
        }
        parent = up;
        template = templates.get(0).getTemplate();
    }

    /** What the resource method threw: the error_type if the response turns out a server error. */
    public void thrown(Throwable error) {
        thrown = error;
    }

    /**
     * What escaped Jersey's {@code handle} (the container's own writer may rethrow a failure Jersey
     * reported to it): records the request if nothing did yet, without telling the container again.
     */
    public void escaped(Throwable error) {
        record(error);
    }

    @Override
    public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response)
            throws ContainerException {
        try {
            status = response.getStatus();
            responseBytes = contentLength;
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
        return delegate.writeResponseStatusAndHeaders(contentLength, response);
    }

    @Override
    public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
        return delegate.suspend(timeOut, timeUnit, timeoutHandler);
    }

    @Override
    public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) throws IllegalStateException {
        delegate.setSuspendTimeout(timeOut, timeUnit);
    }

    @Override
    public void commit() {
        try {
            delegate.commit();
        } finally {
            record(null);
        }
    }

    @Override
    public void failure(Throwable error) {
        try {
            delegate.failure(error);
        } finally {
            record(error);
        }
    }

    @Override
    public boolean enableResponseBuffering() {
        return delegate.enableResponseBuffering();
    }

    private void record(Throwable failure) {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        try {
            ServerRecorder recorder = Weft.server();
            int code = status;
            // a failure before any status was written reaches the client as a 500, if at all
            if (failure != null && code < 400) {
                code = 500;
            }
            Throwable error = failure != null ? failure : code >= 500 ? thrown : null;
            String t = template;
            String route = t != null
                    ? recorder.templateRoute(basePath, parent, t)
                    : recorder.pathRoute(basePath, "", code);
            recorder.end(start, method, route, code, error, requestBytes, responseBytes);
        } catch (Throwable t) {
            Weft.adviceError(t);
        }
    }
}
