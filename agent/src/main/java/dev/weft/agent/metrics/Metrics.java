package dev.weft.agent.metrics;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.initializer.SpanContextSupplier;

/**
 * The agent's private registry and everything registered in it.
 *
 * <p>The Prometheus client is given explicit {@link PrometheusProperties} built here: it never
 * reads the application's {@code prometheus.properties} or {@code IO_PROMETHEUS_*} variables, which
 * configure the application's own client, not ours.
 */
public final class Metrics {

    private final PrometheusProperties properties = PrometheusProperties.builder().build();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AgentHealth health;
    private final ServerMetrics server;
    private final ClientMetrics client;
    private final boolean createdTimestamps;

    public Metrics(Config config, String version, InstrumentationStats stats) {
        createdTimestamps = config.createdTimestamps();
        health = new AgentHealth(properties, registry, version, stats);
        server = new ServerMetrics(properties, registry, health, config.maxSeries(),
                config.durationBuckets(), config.sizeBuckets(), config.routes(), config.histograms(), config.exemplars(),
                config.utf8Names());
        if (config.exemplars()) {
            // our relocated copy of the client's static: the application's own client never sees it
            final ServerMetrics s = server;
            SpanContextSupplier.setSpanContext(new TraceContext(new TraceContext.ServerMetricsTraceparent() {
                @Override
                public String current() {
                    return s.observingTraceparent();
                }
            }));
        }
        client = new ClientMetrics(properties, registry, health, config.maxSeries(), config.durationBuckets(),
                config.histograms(), config.exemplars(), config.utf8Names());
        JvmMetrics.builder(properties).register(registry);
    }

    public PrometheusProperties properties() {
        return properties;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** WEFT_CREATED_TIMESTAMPS: whether scrapes carry the start time of counters and histograms. */
    public boolean createdTimestamps() {
        return createdTimestamps;
    }

    public AgentHealth health() {
        return health;
    }

    public ServerMetrics server() {
        return server;
    }

    public ClientMetrics client() {
        return client;
    }
}
