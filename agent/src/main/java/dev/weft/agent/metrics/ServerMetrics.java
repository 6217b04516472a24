package dev.weft.agent.metrics;

import dev.weft.agent.config.Histograms;
import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.RouteSlot;
import dev.weft.bootstrap.ServerRecorder;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Inbound HTTP metrics (OpenTelemetry HTTP semantic conventions as exposed to Prometheus):
 *
 * <pre>
 * http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/hello",le="0.005"} 10
 * http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/hello"} 10
 * http_server_active_requests{http_request_method="GET"} 0
 * http_server_request_body_size_bytes_count{...same labels...} 3
 * http_server_response_body_size_bytes_count{...same labels...} 10
 * </pre>
 *
 * <p>Hot path: {@link #start} and {@link #end} find the series through a per-route array scan
 * compared by method index and status code, and observe it (two adder updates,
 * {@link ClassicHistogram}); they build no strings or label arrays once a series exists. The
 * duration histogram holds at most {@code WEFT_MAX_SERIES} label sets (the size histograms use the
 * same label sets, so they are bounded too); past that, new ones go
 * to a single series whose labels are all {@value #OVERFLOW} and
 * {@code weft_series_dropped_total{metric="http_server_request_duration_seconds"}} counts the refused
 * label sets ({@link SeriesBudget}).
 */
public final class ServerMetrics implements ServerRecorder {

    public static final String DURATION = "http_server_request_duration_seconds";
    public static final String ACTIVE = "http_server_active_requests";
    public static final String REQUEST_SIZE = "http_server_request_body_size_bytes";
    public static final String RESPONSE_SIZE = "http_server_response_body_size_bytes";
    /** Every label of the series that holds the label sets past the budget. */
    public static final String OVERFLOW = "_overflow";

    private final HistogramFamily duration;
    private final HistogramFamily requestSize;
    private final HistogramFamily responseSize;
    /**
     * Requests in flight per method, read by the gauge at scrape time. The Prometheus client's own
     * gauge allocates a lambda per update when two threads meet on it; a LongAdder allocates nothing.
     */
    private final LongAdder[] active = new LongAdder[HttpMethods.COUNT];
    /**
     * The methods some request has used: only those have an active-requests series. Zero gauges for
     * every method, before any request, would make a server no instrumentation sees (a stack Weft
     * does not cover) look like an idle, measured one.
     */
    private final boolean[] seen = new boolean[HttpMethods.COUNT];
    private final Routes routes;
    private final Templates templates = new Templates();
    private final ServletPrefixes servletPrefixes = new ServletPrefixes();
    private final EndpointAddresses addresses = new EndpointAddresses(templates);
    private final ThreadLocal<FrameworkReport> framework = new ThreadLocal<FrameworkReport>() {
        @Override
        protected FrameworkReport initialValue() {
            return new FrameworkReport();
        }
    };
    private final ConcurrentHashMap<String, RouteSeries> byRoute = new ConcurrentHashMap<String, RouteSeries>();
    private final SeriesBudget budget;
    private final boolean exemplars;
    private final String[] labelNames;
    private volatile Series overflow;

    ServerMetrics(PrometheusProperties properties, PrometheusRegistry registry, AgentHealth health,
                  int maxSeries, double[] durationBuckets, double[] sizeBuckets) {
        this(properties, registry, health, maxSeries, durationBuckets, sizeBuckets, UserRoutes.NONE,
                SegmentCollapse.DEFAULT_VALUES, Histograms.CLASSIC, false, false);
    }

    ServerMetrics(PrometheusProperties properties, PrometheusRegistry registry, AgentHealth health,
                  int maxSeries, double[] durationBuckets, double[] sizeBuckets, UserRoutes userRoutes,
                  int routeSegmentValues, Histograms shape, boolean exemplars, boolean dottedNames) {
        this.exemplars = exemplars;
        this.routes = new Routes(userRoutes, routeSegmentValues);
        String[] labels = OtelNames.of(dottedNames, "http_request_method", "http_route", "http_response_status_code",
                "error_type");
        this.labelNames = labels;
        duration = HistogramFamily.register(registry, properties, OtelNames.of(DURATION, dottedNames),
                "Duration of inbound HTTP requests, from the first filter to the response", labels, shape,
                durationBuckets, exemplars, HistogramFamily.NANOSECONDS);
        requestSize = HistogramFamily.register(registry, properties, OtelNames.of(REQUEST_SIZE, dottedNames),
                "Size of inbound HTTP request bodies, when the request declared it", labels, shape, sizeBuckets,
                false, HistogramFamily.UNITS);
        responseSize = HistogramFamily.register(registry, properties, OtelNames.of(RESPONSE_SIZE, dottedNames),
                "Size of HTTP response bodies, when the application declared it", labels, shape, sizeBuckets,
                false, HistogramFamily.UNITS);
        for (int i = 0; i < HttpMethods.COUNT; i++) {
            active[i] = new LongAdder();
        }
        GaugeWithCallback.builder(properties)
                .name(OtelNames.of(ACTIVE, dottedNames))
                .help("Inbound HTTP requests being served")
                .labelNames(OtelNames.of("http_request_method", dottedNames))
                .callback(callback -> {
                    for (int i = 0; i < HttpMethods.COUNT; i++) {
                        if (seen[i]) {
                            callback.call(active[i].sum(), HttpMethods.NAMES[i]);
                        }
                    }
                })
                .register(registry);
        budget = new SeriesBudget(maxSeries, health.seriesDropped().labelValues(DURATION));
    }

    @Override
    public long start(String method) {
        return start(method, null);
    }

    @Override
    public long start(String method, String traceparent) {
        // a server's own observation of this request (Undertow, the JDK HttpServer) gives way to this one
        String outer = OuterRequest.yieldCurrent();
        if (outer != null) {
            active[HttpMethods.index(outer)].decrement();
        }
        int methodIndex = HttpMethods.index(method);
        if (!seen[methodIndex]) {
            seen[methodIndex] = true; // a plain write: a scrape that misses it shows the series next time
        }
        active[methodIndex].increment();
        long start = System.nanoTime();
        FrameworkReport f = framework.get();
        f.reset(start);
        f.traceparent = traceparent;
        f.containerObserved = true;
        return start;
    }

    @Override
    public long containerStart() {
        FrameworkReport f = framework.get();
        if (f.containerStart != NOT_TIMED) {
            return NOT_TIMED;
        }
        long start = System.nanoTime();
        f.containerStart = start;
        f.containerObserved = false;
        f.containerContext = null;
        f.containerPath = null;
        return start;
    }

    @Override
    public void containerMapped(String contextPath, String path) {
        FrameworkReport f = framework.get();
        if (f.containerStart != NOT_TIMED) {
            f.containerContext = contextPath;
            f.containerPath = path;
        }
    }

    @Override
    public void containerEnd(long start, String method, int status, Throwable error) {
        FrameworkReport f = framework.get();
        if (start == NOT_TIMED || f.containerStart != start) {
            return;
        }
        f.containerStart = NOT_TIMED;
        String context = f.containerContext;
        String path = f.containerPath;
        f.containerContext = null;
        f.containerPath = null;
        if (f.containerObserved) {
            return;
        }
        int s = error != null ? 500 : status;
        // no context: nothing the application deployed answered; a 404 or 405 folds anyway
        String route = context == null ? Routes.UNMATCHED : routes.path(context, path == null ? "" : path, s);
        start(method);
        end(start, method, route, s, error, -1, -1);
    }

    /**
     * The traceparent of the request whose duration this thread is observing, for
     * {@link TraceContext}; null outside {@link #end} and for a request started on another thread.
     */
    String observingTraceparent() {
        return framework.get().observing;
    }

    @Override
    public String mappedRoute(String contextPath, String pattern) {
        FrameworkReport f = framework.get();
        String template = f.template;
        String parent = f.parent;
        String base = f.base;
        f.template = null;
        f.parent = null;
        f.base = null;
        return template != null
                ? templates.route(addresses.prefix(routes.mapped(contextPath, servletPrefixes.of(pattern)), base),
                        parent, template)
                : routes.mapped(contextPath, pattern);
    }

    @Override
    public String pathRoute(String contextPath, String path, int status) {
        FrameworkReport f = framework.get();
        String template = f.template;
        String parent = f.parent;
        String base = f.base;
        f.template = null;
        f.parent = null;
        f.base = null;
        // Spring's static-resource handler reports /** for every miss: those fold like any 404
        if (template != null && !(Routes.isMiss(status) && template.endsWith("**"))) {
            return templates.route(addresses.prefix(contextPath, base), parent, template);
        }
        return routes.path(contextPath, path, status);
    }

    @Override
    public void frameworkParent(String template) {
        framework.get().parent(template);
    }

    @Override
    public void frameworkTemplate(String template) {
        FrameworkReport f = framework.get();
        f.template = template;
        RouteSlot slot = f.serving;
        if (slot != null && template != null) {
            // joined now: the response may end (on this thread or the event loop) before the framework returns
            slot.matched(null, null, templates.route(addresses.prefix(f.servingBase, f.base), f.parent, template));
        }
    }

    @Override
    public void frameworkBase(String address) {
        framework.get().base = address;
    }

    @Override
    public void frameworkError(Throwable error) {
        FrameworkReport f = framework.get();
        f.error(error);
        RouteSlot slot = f.serving;
        if (slot != null) {
            slot.failed(error);
        }
    }

    @Override
    public void frameworkServing(RouteSlot slot, String basePath) {
        FrameworkReport f = framework.get();
        f.forgetReported();
        f.serving = slot;
        f.servingBase = basePath;
    }

    @Override
    public void frameworkServed() {
        FrameworkReport f = framework.get();
        f.forgetReported();
        f.serving = null;
        f.servingBase = null;
    }

    @Override
    public String templateRoute(String basePath, String parent, String template) {
        return templates.route(basePath, parent, template);
    }

    @Override
    public void end(long startNanos, String method, String route, int status, Throwable error,
                    long requestBytes, long responseBytes) {
        long elapsed = System.nanoTime() - startNanos;
        int methodIndex = HttpMethods.index(method);
        active[methodIndex].decrement();
        Throwable failure = error;
        if (failure == null && status >= 500) {
            failure = framework.get().errorFor(startNanos);
        }
        Series series = series(methodIndex, route == null ? Routes.UNMATCHED : route, validStatus(status), failure);
        if (exemplars) {
            FrameworkReport f = framework.get();
            f.observing = f.traceparentFor(startNanos);
            series.duration.observe(elapsed);
            f.observing = null;
        } else {
            series.duration.observe(elapsed);
        }
        if (requestBytes >= 0) {
            series.requestSize().observe(requestBytes);
        }
        if (responseBytes >= 0) {
            series.responseSize().observe(responseBytes);
        }
    }

    /** Each duration series as collected now, keyed by route, for the live page (see {@link DurationReader}). */
    public void readDurations(DurationReader reader) {
        for (HistogramDataPointSnapshot p : duration.collect().getDataPoints()) {
            Labels labels = p.getLabels();
            String errorType = labels.get(labelNames[3]);
            reader.series(labels.get(labelNames[1]), labels.get(labelNames[0]),
                    errorType != null && !errorType.isEmpty() && !OVERFLOW.equals(errorType), p);
        }
    }

    private static int validStatus(int status) {
        return status >= 100 && status <= 599 ? status : 0;
    }

    private Series series(int method, String route, int status, Throwable error) {
        String errorClass = error == null ? null : ErrorTypes.of(error);
        RouteSeries forRoute = byRoute.get(route);
        if (forRoute != null) {
            Series found = forRoute.find(method, status, errorClass);
            if (found != null) {
                return found;
            }
        } else {
            if (budget.isSpent()) {
                return overflow(route, method, status, errorClass);
            }
            forRoute = new RouteSeries(route);
            RouteSeries raced = byRoute.putIfAbsent(route, forRoute);
            if (raced != null) {
                forRoute = raced;
            }
        }
        return forRoute.findOrAdd(method, status, errorClass);
    }

    /** The one series past the budget; the refused label set is counted once (see {@link SeriesBudget}). */
    private Series overflow(String route, int method, int status, String errorClass) {
        long fingerprint = SeriesBudget.mix(SeriesBudget.mix(SeriesBudget.mix(SeriesBudget.mix(
                SeriesBudget.SEED, route.hashCode()), method), status), errorClass == null ? 0 : errorClass.hashCode());
        budget.refused(fingerprint);
        Series s = overflow;
        if (s == null) {
            synchronized (this) {
                s = overflow;
                if (s == null) {
                    s = new Series(-1, -1, null, OVERFLOW, OVERFLOW, OVERFLOW, OVERFLOW);
                    overflow = s;
                }
            }
        }
        return s;
    }

    /** The series of one route, few enough (methods × statuses × errors in use) that a scan beats a map. */
    private final class RouteSeries {
        private final String route;
        private volatile Series[] all = new Series[0];

        RouteSeries(String route) {
            this.route = route;
        }

        Series find(int method, int status, String errorClass) {
            for (Series s : all) {
                if (s.method == method && s.status == status
                        && (errorClass == null ? s.errorClass == null : errorClass.equals(s.errorClass))) {
                    return s;
                }
            }
            return null;
        }

        synchronized Series findOrAdd(int method, int status, String errorClass) {
            Series found = find(method, status, errorClass);
            if (found != null) {
                return found;
            }
            if (!budget.tryReserve()) {
                return overflow(route, method, status, errorClass);
            }
            String statusLabel = status == 0 ? HttpMethods.OTHER : Integer.toString(status);
            String errorType = errorClass != null ? errorClass : status >= 500 ? statusLabel : "";
            Series created = new Series(method, status, errorClass,
                    HttpMethods.NAMES[method], route, statusLabel, errorType);
            Series[] grown = java.util.Arrays.copyOf(all, all.length + 1);
            grown[all.length] = created;
            all = grown;
            return created;
        }
    }

    /** One label set: its duration data point, and its size data points once a size is known. */
    private final class Series {
        final int method;
        final int status;
        final String errorClass;
        final String[] labelValues;
        final HistogramPoint duration;
        private volatile HistogramPoint requestSize;
        private volatile HistogramPoint responseSize;

        Series(int method, int status, String errorClass, String... labelValues) {
            this.method = method;
            this.status = status;
            this.errorClass = errorClass;
            this.labelValues = labelValues;
            this.duration = ServerMetrics.this.duration.labelValues(labelValues);
        }

        HistogramPoint requestSize() {
            HistogramPoint p = requestSize;
            if (p == null) {
                p = ServerMetrics.this.requestSize.labelValues(labelValues);
                requestSize = p;
            }
            return p;
        }

        HistogramPoint responseSize() {
            HistogramPoint p = responseSize;
            if (p == null) {
                p = ServerMetrics.this.responseSize.labelValues(labelValues);
                responseSize = p;
            }
            return p;
        }
    }
}
