package dev.weft.agent.metrics;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.util.Scheduler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.initializer.SpanContextSupplier;

/**
 * The agent's private registry and everything registered in it.
 *
 * <p>The Prometheus client is given explicit {@link PrometheusProperties} built here: it never
 * reads the application's {@code prometheus.properties} or {@code IO_PROMETHEUS_*} variables, which
 * configure the application's own client, not ours.
 *
 * <p>The JVM collectors ({@link JvmCollectors}, set up at the first scrape) are the client's
 * {@code JvmMetrics} set less its native-memory collector:
 * that one asks the platform MBean server at registration, which creates the server and, through
 * its logging bean, {@code java.util.logging.LogManager}, both JVM-wide singletons that
 * applications such as WildFly install their own versions of early in {@code main}. Created first
 * by the agent's start thread, they made one WildFly boot in six fail (WFLYLOG0078). The collectors
 * kept use the MXBeans directly, which creates neither.
 */
public final class Metrics {

    private final PrometheusProperties properties = PrometheusProperties.builder().build();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AgentHealth health;
    private final ServerMetrics server;
    private final ClientMetrics client;
    private final ThreadPoolMetrics threadPools;
    private final boolean createdTimestamps;
    private final double[] durationBounds;
    private final int maxSeries;

    public Metrics(Config config, String version, InstrumentationStats stats) {
        createdTimestamps = config.createdTimestamps();
        durationBounds = config.durationBuckets().clone();
        maxSeries = config.maxSeries();
        health = new AgentHealth(properties, registry, version, stats);
        server = new ServerMetrics(properties, registry, health, config.maxSeries(),
                config.durationBuckets(), config.sizeBuckets(), config.routes(), config.routeSegmentValues(),
                config.histograms(), config.exemplars(),
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
            startExemplarScheduler();
        }
        client = new ClientMetrics(properties, registry, health, config.maxSeries(), config.durationBuckets(),
                config.histograms(), config.exemplars(), config.utf8Names());
        threadPools = new ThreadPoolMetrics(health, config.utf8Names());
        registry.register(threadPools);
        registry.register(new JvmCollectors(properties));
    }

    /**
     * The client's exemplar sampler runs a timer thread that its executor creates at the first task,
     * inheriting the creating thread's context class loader. Left to the first exemplar, that thread
     * would be a request thread whose context loader is the webapp's, held for the JVM's life: an
     * undeployed webapp's loader was never collected (Java 25, ClassLoaderLeakSmokeTest). Started here,
     * on the agent's own thread, it holds only the loader that thread has.
     */
    private static void startExemplarScheduler() {
        try {
            Scheduler.awaitInitialization();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** The duration histograms' classic bucket bounds, in seconds (WEFT_DURATION_BUCKETS). */
    public double[] durationBounds() {
        return durationBounds.clone();
    }

    /** Label sets each request metric may hold (WEFT_MAX_SERIES). */
    public int maxSeries() {
        return maxSeries;
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

    public ThreadPoolMetrics threadPools() {
        return threadPools;
    }
}
