package dev.weft.instrumentation.undertow;

import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.PathTemplateMatch;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One Undertow exchange, from the first root-handler call to its completion: recorded once, by
 * Undertow's completion listener, whichever thread completes it.
 *
 * <p>Route: the template a {@code RoutingHandler} or {@code PathTemplateHandler} matched (they leave
 * a {@link PathTemplateMatch} on the exchange), under the prefix a {@code PathHandler} resolved;
 * without one, the bounded path heuristic, and {@code unmatched} for a 404 or 405.
 *
 * <p>Not loaded by the agent: injected into Undertow's class loader; never throws into Undertow.
 */
public final class UndertowExchange extends OuterRequest implements ExchangeCompletionListener {

    private static final AttachmentKey<UndertowExchange> KEY = AttachmentKey.create(UndertowExchange.class);
    private static final int RUNNING = 0;
    private static final int YIELDED = 1;
    private static final int ENDED = 2;
    private static final AtomicIntegerFieldUpdater<UndertowExchange> STATE =
            AtomicIntegerFieldUpdater.newUpdater(UndertowExchange.class, "state");

    private final long start;
    private final String method;
    private volatile int state;

    private UndertowExchange(long start, String method) {
        this.start = start;
        this.method = method;
    }

    /**
     * As a root handler is about to run: the exchange's observation (started now if this is its first
     * call) becomes this thread's current request. Returns what {@link OuterRequest#exit} restores.
     */
    public static Object enter(HttpServerExchange exchange) {
        try {
            UndertowExchange observed = exchange.getAttachment(KEY);
            if (observed == null) {
                if (exchange.isComplete()) {
                    return OuterRequest.NOT_ENTERED;
                }
                String method = exchange.getRequestMethod().toString();
                long start = Weft.server().start(method, exchange.getRequestHeaders().getFirst("traceparent"));
                if (start == ServerRecorder.NOT_TIMED) {
                    return OuterRequest.NOT_ENTERED;
                }
                observed = new UndertowExchange(start, method);
                exchange.putAttachment(KEY, observed);
                exchange.addExchangeCompleteListener(observed);
            }
            return OuterRequest.enter(observed);
        } catch (Throwable t) {
            Weft.adviceError(t);
            return OuterRequest.NOT_ENTERED;
        }
    }

    @Override
    protected String yieldToInner() {
        return STATE.compareAndSet(this, RUNNING, YIELDED) ? method : null;
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
        try {
            if (STATE.compareAndSet(this, RUNNING, ENDED)) {
                record(exchange);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        } finally {
            next.proceed();
        }
    }

    private void record(HttpServerExchange exchange) {
        ServerRecorder recorder = Weft.server();
        int status = exchange.getStatusCode();
        // what escaped a handler: Undertow answered 500 (if it still could) and kept the exception here
        Throwable error = exchange.getAttachment(DefaultResponseListener.EXCEPTION);
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String template = match == null ? null : match.getMatchedTemplate();
        String route = template != null && !(isMiss(status) && template.endsWith("*"))
                ? recorder.templateRoute(exchange.getResolvedPath(), null, template)
                : recorder.pathRoute("", exchange.getRequestPath(), status);
        recorder.end(start, method, route, status, error,
                exchange.getRequestContentLength(), exchange.getResponseContentLength());
    }

    /** Not found or method not allowed: a catch-all template ({@code /*}) matched, nothing was found. */
    private static boolean isMiss(int status) {
        return status == 404 || status == 405;
    }
}
