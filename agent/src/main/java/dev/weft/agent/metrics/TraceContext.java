package dev.weft.agent.metrics;

import io.prometheus.metrics.tracer.agent.OpenTelemetryAgentSpanContext;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The trace that duration exemplars point to, found without a dependency on any tracer:
 *
 * <pre>
 * 1. the OpenTelemetry Java agent's current span (its API sits on the boot class path; the
 *    Prometheus client's own bridge reads it)
 * 2. the OpenTelemetry API in the application ({@code Span.current()} through the thread's context
 *    class loader, by reflection; the methods are looked up once per loader, weakly held)
 * 3. the W3C traceparent header of the request this thread is ending
 *    ({@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}), when no tracer has a span
 * </pre>
 *
 * <p>The client's exemplar sampler asks at most once per sample interval (90 ms) and keeps one
 * exemplar per bucket for at least 7 s, so none of this runs per request. Only sampled traces give
 * exemplars. Weft never marks or changes the application's spans.
 */
final class TraceContext implements SpanContext {

    /** The ids found by {@link #isCurrentSpanSampled}, which the sampler asks first, then the getters. */
    private static final ThreadLocal<String[]> FOUND = new ThreadLocal<String[]>();

    private final SpanContext agent;
    private final ServerMetricsTraceparent traceparent;
    /**
     * Per loader: {@code Boolean.FALSE} when it has no OpenTelemetry API, else a weak reference to its
     * methods. Methods hold their classes, and so their loader, strongly: kept as plain values they
     * would keep an undeployed webapp that bundles the API alive through this map's weak key.
     */
    private final Map<ClassLoader, Object> apiByLoader = new WeakHashMap<ClassLoader, Object>();

    /** Where the traceparent of the request being ended on this thread comes from. */
    interface ServerMetricsTraceparent {
        String current();
    }

    TraceContext(ServerMetricsTraceparent traceparent) {
        this.agent = openTelemetryAgent();
        this.traceparent = traceparent;
    }

    private static SpanContext openTelemetryAgent() {
        try {
            return OpenTelemetryAgentSpanContext.isAvailable() ? new OpenTelemetryAgentSpanContext() : null;
        } catch (LinkageError | RuntimeException absent) {
            return null;
        }
    }

    @Override
    public boolean isCurrentSpanSampled() {
        String[] ids = null;
        try {
            ids = find();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // a tracer we could not read: no exemplar, the observation still counts
        }
        FOUND.set(ids);
        return ids != null;
    }

    @Override
    public String getCurrentTraceId() {
        String[] ids = FOUND.get();
        return ids == null ? null : ids[0];
    }

    @Override
    public String getCurrentSpanId() {
        String[] ids = FOUND.get();
        return ids == null ? null : ids[1];
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        FOUND.remove();
    }

    private String[] find() throws ReflectiveOperationException {
        if (agent != null && agent.isCurrentSpanSampled()) {
            String trace = agent.getCurrentTraceId();
            String span = agent.getCurrentSpanId();
            if (trace != null && span != null) {
                return new String[] {trace, span};
            }
        }
        String[] fromApi = fromApi(Thread.currentThread().getContextClassLoader());
        if (fromApi != null) {
            return fromApi;
        }
        return parseTraceparent(traceparent.current());
    }

    /** {@code Span.current().getSpanContext()} of the application's OpenTelemetry API, if it has one. */
    @SuppressWarnings("unchecked")
    private String[] fromApi(ClassLoader loader) throws ReflectiveOperationException {
        if (loader == null) {
            return null;
        }
        Method[] api;
        synchronized (apiByLoader) {
            Object known = apiByLoader.get(loader);
            if (Boolean.FALSE.equals(known)) {
                return null;
            }
            api = known == null ? null : ((WeakReference<Method[]>) known).get();
            if (api == null) {
                api = lookUp(loader);
                apiByLoader.put(loader, api.length == 0 ? Boolean.FALSE : new WeakReference<Method[]>(api));
            }
        }
        if (api.length == 0) {
            return null;
        }
        Object span = api[0].invoke(null);
        Object context = api[1].invoke(span);
        if (!(Boolean) api[2].invoke(context) || !(Boolean) api[3].invoke(context)) {
            return null;
        }
        return new String[] {(String) api[4].invoke(context), (String) api[5].invoke(context)};
    }

    /** Empty when the loader has no OpenTelemetry API. */
    private static Method[] lookUp(ClassLoader loader) {
        try {
            Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
            Class<?> context = Class.forName("io.opentelemetry.api.trace.SpanContext", false, loader);
            return new Method[] {
                span.getMethod("current"), span.getMethod("getSpanContext"),
                context.getMethod("isValid"), context.getMethod("isSampled"),
                context.getMethod("getTraceId"), context.getMethod("getSpanId"),
            };
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError absent) {
            return new Method[0];
        }
    }

    /**
     * {@code version-traceid-spanid-flags} (W3C Trace Context): ids only when the header is well
     * formed, the ids are not all zeros, and the sampled flag is set. Null otherwise.
     */
    static String[] parseTraceparent(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-'
                || (h.length() > 55 && h.charAt(55) != '-') || h.startsWith("ff")) {
            return null;
        }
        if (!hex(h, 0, 2) || !hex(h, 3, 35) || !hex(h, 36, 52) || !hex(h, 53, 55)) {
            return null;
        }
        String trace = h.substring(3, 35);
        String span = h.substring(36, 52);
        if (zeros(trace) || zeros(span) || (Character.digit(h.charAt(54), 16) & 1) == 0) {
            return null;
        }
        return new String[] {trace, span};
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
