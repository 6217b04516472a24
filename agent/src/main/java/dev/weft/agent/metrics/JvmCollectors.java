package dev.weft.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Predicate;

/**
 * The JVM and process collectors, set up at the first scrape rather than at start-up.
 *
 * <p>Setting them up initialises the JVM's management beans (memory pools, collectors, threads, the
 * operating system's bean), about a tenth of the agent's start-up CPU; done while the application
 * starts, it competes with it, on one core directly. Nothing reads them before a scrape. The
 * allocation counter ({@code jvm_memory_pool_allocated_bytes_total}, fed by garbage-collection
 * notifications) therefore counts from the first scrape on.
 *
 * <p>These are the client's {@code JvmMetrics} less its native-memory collector, which asks the
 * platform MBean server (see {@link Metrics}).
 */
final class JvmCollectors implements MultiCollector {

    private final PrometheusProperties properties;
    private volatile PrometheusRegistry collectors;

    JvmCollectors(PrometheusProperties properties) {
        this.properties = properties;
    }

    @Override
    public MetricSnapshots collect() {
        return collectors().scrape();
    }

    @Override
    public MetricSnapshots collect(PrometheusScrapeRequest request) {
        return collectors().scrape(request);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames) {
        return collectors().scrape(includedNames);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
        return collectors().scrape(includedNames, request);
    }

    private PrometheusRegistry collectors() {
        PrometheusRegistry registry = collectors;
        if (registry == null) {
            synchronized (this) {
                registry = collectors;
                if (registry == null) {
                    registry = new PrometheusRegistry();
                    JvmThreadsMetrics.builder(properties).register(registry);
                    JvmBufferPoolMetrics.builder(properties).register(registry);
                    JvmClassLoadingMetrics.builder(properties).register(registry);
                    JvmCompilationMetrics.builder(properties).register(registry);
                    JvmGarbageCollectorMetrics.builder(properties).register(registry);
                    JvmMemoryPoolAllocationMetrics.builder(properties).register(registry);
                    JvmMemoryMetrics.builder(properties).register(registry);
                    JvmRuntimeInfoMetric.builder(properties).register(registry);
                    ProcessMetrics.builder(properties).register(registry);
                    collectors = registry;
                }
            }
        }
        return registry;
    }
}
