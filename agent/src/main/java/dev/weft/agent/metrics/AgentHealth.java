package dev.weft.agent.metrics;

import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.bootstrap.Weft;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's own health, so a broken instrumentation or a full series budget shows on the same
 * dashboard as the application:
 *
 * <pre>
 * weft_build_info{version="0.1.0"} 1
 * weft_instrumented_classes_total 12
 * weft_instrumentation_errors_total 0
 * weft_advice_errors_total 0
 * weft_classes_skipped_total{reason="bootstrap_not_found"} 0
 * weft_class_loaders_skipped_total{reason="unsupported_library"} 0
 * weft_series_dropped_total{metric="http_server_request_duration_seconds"} 0
 * weft_scrape_duration_seconds 0.0031
 * weft_scrape_renders_total 42
 * </pre>
 */
public final class AgentHealth {

    private final String version;
    private final InstrumentationStats stats;
    private final Counter seriesDropped;
    private final Gauge scrapeDuration;
    private final Counter scrapeRenders;
    private volatile List<String> modules = Collections.emptyList();

    AgentHealth(PrometheusProperties properties, PrometheusRegistry registry, String version, InstrumentationStats stats) {
        this.version = version;
        this.stats = stats;
        Info buildInfo = Info.builder(properties)
                .name("weft_build_info")
                .help("Weft agent build; the value is always 1")
                .labelNames("version")
                .register(registry);
        buildInfo.addLabelValues(version);
        CounterWithCallback.builder(properties)
                .name("weft_instrumented_classes_total")
                .help("Classes the agent has woven advice into")
                .callback(callback -> callback.call(stats.instrumentedClasses()))
                .register(registry);
        CounterWithCallback.builder(properties)
                .name("weft_instrumentation_errors_total")
                .help("Classes the agent tried and failed to instrument; they run unmodified")
                .callback(callback -> callback.call(stats.failures()))
                .register(registry);
        CounterWithCallback.builder(properties)
                .name("weft_advice_errors_total")
                .help("Exceptions caught inside woven advice; the application's call went on, unrecorded")
                .callback(callback -> callback.call(Weft.adviceErrorCount()))
                .register(registry);
        CounterWithCallback.builder(properties)
                .name("weft_classes_skipped_total")
                .help("Classes an instrumentation matched and left unwoven, by reason; bootstrap_*: their class"
                        + " loader cannot see the agent's dev.weft.bootstrap classes")
                .labelNames("reason")
                .callback(callback -> stats.classesSkipped().forEach((reason, n) -> callback.call(n.get(), reason)))
                .register(registry);
        CounterWithCallback.builder(properties)
                .name("weft_class_loaders_skipped_total")
                .help("Class loaders whose classes an instrumentation left unwoven, by reason: a library version"
                        + " it does not support, or a loader that cannot see dev.weft.bootstrap")
                .labelNames("reason")
                .callback(callback -> stats.loadersSkipped().forEach((reason, n) -> callback.call(n.get(), reason)))
                .register(registry);
        seriesDropped = Counter.builder(properties)
                .name("weft_series_dropped_total")
                .help("Label sets folded into the overflow series because the metric reached WEFT_MAX_SERIES")
                .labelNames("metric")
                .withoutExemplars()
                .register(registry);
        scrapeDuration = Gauge.builder(properties)
                .name("weft_scrape_duration_seconds")
                .help("Time the previous scrape of the Weft endpoint took")
                .withoutExemplars()
                .register(registry);
        scrapeRenders = Counter.builder(properties)
                .name("weft_scrape_renders_total")
                .help("Pages of metrics the endpoint rendered; scrapes that shared a rendering count once")
                .withoutExemplars()
                .register(registry);
    }

    /** A page was rendered (not taken from the endpoint's short cache) in this many seconds. */
    public void scraped(double seconds) {
        scrapeDuration.set(seconds);
        scrapeRenders.inc();
    }

    /** The counter of refused label sets, per metric; look a metric's data point up once and keep it. */
    public Counter seriesDropped() {
        return seriesDropped;
    }

    /** The instrumentation modules the agent installed, once the weaving is active. */
    public void modulesActive(List<String> names) {
        modules = Collections.unmodifiableList(new ArrayList<String>(names));
    }

    public List<String> modulesActive() {
        return modules;
    }

    public String version() {
        return version;
    }

    public InstrumentationStats instrumentation() {
        return stats;
    }

    /** Refused label sets per metric, as {@code weft_series_dropped_total} shows them. */
    public Map<String, Long> seriesDroppedByMetric() {
        Map<String, Long> dropped = new TreeMap<String, Long>();
        for (CounterSnapshot.CounterDataPointSnapshot p : seriesDropped.collect().getDataPoints()) {
            dropped.put(p.getLabels().get("metric"), (long) p.getValue());
        }
        return dropped;
    }

    /** What the previous rendering of the metrics page took, in seconds; 0 before the first. */
    public double lastScrapeSeconds() {
        return scrapeDuration.get();
    }

    public long scrapeRenders() {
        return scrapeRenders.getLongValue();
    }
}
