package dev.weft.agent.metrics;

import dev.weft.agent.config.Histograms;
import dev.weft.bootstrap.ClientRecorder;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outbound HTTP metrics (OpenTelemetry HTTP client semantic conventions as exposed to Prometheus):
 *
 * <pre>
 * http_client_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",server_address="api.example.com",server_port="443"} 7
 * http_client_request_duration_seconds_count{error_type="java.net.ConnectException",http_request_method="GET",server_address="localhost",server_port="8081"} 1
 * http_client_active_requests{http_request_method="GET",server_address="api.example.com",server_port="443"} 0
 * </pre>
 *
 * <p>{@code error_type} is the status for 4xx and 5xx, the exception class when no response arrived,
 * and empty otherwise. Each metric holds at most {@code WEFT_MAX_SERIES} label sets, its overflow
 * series included ({@link SeriesBudget}); this also bounds {@code server_address}: an application
 * calling ever new hosts (one per tenant, say) folds the new ones into a series whose labels are
 * all {@value ServerMetrics#OVERFLOW}, and {@code weft_series_dropped_total} counts the refused
 * label sets.
 *
 * <p>Hot path: the host is a map lookup, the port, method, status and error a scan of a few array
 * entries; no strings are built once a series exists.
 */
public final class ClientMetrics implements ClientRecorder {

    public static final String DURATION = "http_client_request_duration_seconds";
    public static final String ACTIVE = "http_client_active_requests";

    private static final String OVERFLOW = ServerMetrics.OVERFLOW;

    private final HistogramFamily duration;
    private final String[] labelNames;
    private final ConcurrentHashMap<String, Endpoint[]> byHost = new ConcurrentHashMap<String, Endpoint[]>();
    private final int maxSeries;
    private final SeriesBudget durationBudget;
    private final SeriesBudget activeBudget;
    private int endpoints; // guarded by byHost
    private final Endpoint overflow;
    private final AdderGauge activeRequests;

    ClientMetrics(PrometheusProperties properties, PrometheusRegistry registry, AgentHealth health,
                  int maxSeries, double[] durationBuckets, Histograms shape, boolean exemplars,
                  boolean dottedNames) {
        this.maxSeries = maxSeries;
        labelNames = OtelNames.of(dottedNames, "http_request_method", "server_address", "server_port",
                "http_response_status_code", "error_type");
        duration = HistogramFamily.register(registry, properties, OtelNames.of(DURATION, dottedNames),
                "Duration of outbound HTTP requests, until the response headers arrived or the call failed",
                labelNames, shape, durationBuckets, exemplars, HistogramFamily.NANOSECONDS);
        // the in-flight counts are LongAdders read at scrape time (AdderGauge says why not the client's gauge);
        // the client's builder only gives the metadata its own gauge would have
        activeRequests = new AdderGauge(GaugeWithCallback.builder(properties)
                .name(OtelNames.of(ACTIVE, dottedNames))
                .help("Outbound HTTP requests in flight")
                .labelNames(OtelNames.of(dottedNames, "http_request_method", "server_address", "server_port"))
                .callback(callback -> { })
                .build().getMetadata(),
                OtelNames.of(dottedNames, "http_request_method", "server_address", "server_port"));
        registry.register(activeRequests);
        overflow = new Endpoint(OVERFLOW, -1, OVERFLOW);
        durationBudget = new SeriesBudget(maxSeries, health.seriesDropped().labelValues(DURATION));
        activeBudget = new SeriesBudget(maxSeries, health.seriesDropped().labelValues(ACTIVE));
    }

    @Override
    public long start(String method, String host, int port) {
        int methodIndex = HttpMethods.index(method);
        Endpoint endpoint = endpoint(host, port);
        if (endpoint == overflow) {
            activeBudget.refused(fingerprint(host, port, methodIndex));
        }
        endpoint.active(methodIndex).increment();
        return System.nanoTime();
    }

    @Override
    public void end(long startNanos, String method, String host, int port, int status, Throwable error) {
        long elapsed = System.nanoTime() - startNanos;
        int methodIndex = HttpMethods.index(method);
        Endpoint endpoint = endpoint(host, port);
        endpoint.active(methodIndex).decrement();
        int validStatus = status >= 100 && status <= 599 ? status : NO_STATUS;
        String errorClass = error == null || validStatus != NO_STATUS ? null : ErrorTypes.of(error);
        HistogramPoint series = endpoint.series(methodIndex, validStatus, errorClass);
        if (series == null) {
            durationBudget.refused(SeriesBudget.mix(SeriesBudget.mix(fingerprint(host, port, methodIndex),
                    validStatus), errorClass == null ? 0 : errorClass.hashCode()));
            series = overflow.overflowSeries();
        }
        series.observe(elapsed);
    }

    /**
     * Each duration series as collected now, keyed by {@code host:port} (the host alone when the port
     * is unknown), for the live page (see {@link DurationReader}).
     */
    public void readDurations(DurationReader reader) {
        for (HistogramDataPointSnapshot p : duration.collect().getDataPoints()) {
            Labels labels = p.getLabels();
            String host = labels.get(labelNames[1]);
            String port = labels.get(labelNames[2]);
            String errorType = labels.get(labelNames[4]);
            String address = host != null && host.indexOf(':') >= 0 ? "[" + host + "]" : host; // IPv6
            String key = OVERFLOW.equals(host) ? OVERFLOW
                    : port == null || port.isEmpty() ? address : address + ":" + port;
            reader.series(key, labels.get(labelNames[0]),
                    errorType != null && !errorType.isEmpty() && !OVERFLOW.equals(errorType), p);
        }
    }

    private static long fingerprint(String host, int port, int method) {
        return SeriesBudget.mix(SeriesBudget.mix(SeriesBudget.mix(SeriesBudget.SEED,
                host == null ? 0 : host.hashCode()), port), method);
    }

    /** The endpoint of a host and port; the overflow endpoint once the budget has no room for a new one. */
    private Endpoint endpoint(String host, int port) {
        String key = host == null ? "" : host;
        Endpoint[] known = byHost.get(key);
        if (known != null) {
            for (Endpoint e : known) {
                if (e.port == port) {
                    return e;
                }
            }
        }
        if (durationBudget.isSpent()) {
            return overflow;
        }
        synchronized (byHost) {
            // calls that never end reserve no duration series; this bounds the endpoints they create
            if (endpoints >= maxSeries) {
                return overflow;
            }
            Endpoint[] current = byHost.get(key);
            if (current != null) {
                for (Endpoint e : current) {
                    if (e.port == port) {
                        return e;
                    }
                }
            } else {
                current = new Endpoint[0];
            }
            Endpoint created = new Endpoint(key.toLowerCase(java.util.Locale.ROOT), port,
                    port > 0 ? Integer.toString(port) : "");
            Endpoint[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = created;
            byHost.put(key, grown);
            endpoints++;
            return created;
        }
    }

    /** One server (host and port) and the series recorded for it. */
    private final class Endpoint {
        final int port;
        final String host;
        final String portLabel;
        private final LongAdder[] active = new LongAdder[HttpMethods.COUNT];
        private volatile Series[] series = new Series[0];
        private Series overflowSeries;
        private volatile LongAdder overflowActive;

        Endpoint(String host, int port, String portLabel) {
            this.host = host;
            this.port = port;
            this.portLabel = portLabel;
        }

        LongAdder active(int method) {
            LongAdder a = active[method];
            return a != null ? a : createActive(method);
        }

        private synchronized LongAdder createActive(int method) {
            LongAdder a = active[method];
            if (a != null) {
                return a;
            }
            if (this == overflow) {
                if (overflowActive == null) {
                    overflowActive = activeRequests.series(OVERFLOW, OVERFLOW, OVERFLOW);
                }
                return overflowActive;
            }
            if (!activeBudget.tryReserve()) {
                activeBudget.refused(fingerprint(host, port, method));
                return overflow.active(method);
            }
            a = activeRequests.series(HttpMethods.NAMES[method], host, portLabel);
            active[method] = a;
            return a;
        }

        /** The data point of the label set, or null when the budget has no room for it. */
        HistogramPoint series(int method, int status, String errorClass) {
            for (Series s : series) {
                if (s.method == method && s.status == status
                        && (errorClass == null ? s.errorClass == null : errorClass.equals(s.errorClass))) {
                    return s.duration;
                }
            }
            return createSeries(method, status, errorClass);
        }

        private synchronized HistogramPoint createSeries(int method, int status, String errorClass) {
            for (Series s : series) {
                if (s.method == method && s.status == status
                        && (errorClass == null ? s.errorClass == null : errorClass.equals(s.errorClass))) {
                    return s.duration;
                }
            }
            if (this == overflow || !durationBudget.tryReserve()) {
                return null;
            }
            String statusLabel = status == NO_STATUS ? "" : Integer.toString(status);
            String errorType = errorClass != null ? errorClass : status >= 400 ? statusLabel : "";
            Series created = new Series(method, status, errorClass,
                    duration.labelValues(HttpMethods.NAMES[method], host, portLabel, statusLabel, errorType));
            Series[] grown = Arrays.copyOf(series, series.length + 1);
            grown[series.length] = created;
            series = grown;
            return created.duration;
        }

        private synchronized HistogramPoint overflowSeries() {
            if (overflowSeries == null) {
                overflowSeries = new Series(-1, -1, null,
                        duration.labelValues(OVERFLOW, OVERFLOW, OVERFLOW, OVERFLOW, OVERFLOW));
            }
            return overflowSeries.duration;
        }
    }

    private static final class Series {
        final int method;
        final int status;
        final String errorClass;
        final HistogramPoint duration;

        Series(int method, int status, String errorClass, HistogramPoint duration) {
            this.method = method;
            this.status = status;
            this.errorClass = errorClass;
            this.duration = duration;
        }
    }
}
