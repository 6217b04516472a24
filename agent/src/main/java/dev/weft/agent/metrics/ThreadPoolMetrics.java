package dev.weft.agent.metrics;

import dev.weft.bootstrap.ServerThreadPools;
import dev.weft.bootstrap.ServerThreadPools.Reader;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How busy the servers' request thread pools are, read from the pools themselves at scrape time:
 *
 * <pre>
 * tomcat_thread_busy_count{tomcat_thread_pool_name="http-nio-127.0.0.1-8080"} 4
 * tomcat_thread_limit{tomcat_thread_pool_name="http-nio-127.0.0.1-8080"} 200
 * tomcat_thread_count{tomcat_thread_pool_name="http-nio-127.0.0.1-8080"} 10
 * tomcat_thread_queue_size{tomcat_thread_pool_name="http-nio-127.0.0.1-8080"} 0
 * jetty_thread_busy_count{jetty_thread_pool_name="qtp"} 3            (and _limit, _count, _queue_size)
 * undertow_thread_busy_count{undertow_thread_pool_name="XNIO-1"} 1   (and _limit, _count, _queue_size)
 * netty_event_loop_count{netty_event_loop_group_name="reactor-http-nio"} 4
 * netty_event_loop_queue_size{netty_event_loop_group_name="reactor-http-nio"} 0
 * </pre>
 *
 * <p>The names are the OpenTelemetry JMX-metrics ones where they exist ({@code tomcat.thread.busy.count},
 * {@code jetty.thread.limit} ...; the {@code {thread}} unit gives no suffix), with a pool-name
 * attribute for every server, rendered as Prometheus names; {@code WEFT_UTF8_NAMES=true} registers the
 * dotted spelling, as {@link OtelNames} does for the HTTP metrics.
 *
 * <p><b>Why the pools are captured rather than read over JMX.</b> Only Tomcat publishes its pools as
 * MBeans by default; embedded Jetty, Undertow and Netty publish none. And the agent must not create
 * the platform MBean server, a JVM-wide singleton that WildFly installs its own version of later (see
 * {@link Metrics}). So woven server code hands over the object that owns each pool
 * ({@link ServerThreadPools#serving}), at start and wherever the server hands the pool work (that
 * also finds the pools of a server started before an attach), and this class keeps it in a
 * {@link WeakReference}: a stopped server or an undeployed application is not kept alive. At scrape
 * time the module's {@link Reader} asks the pool's own public getters, the figures its JMX beans show.
 *
 * <p>The hot path, {@link #serving}, is an identity scan of the few pools known (and of a small table
 * of refused ones), with no lock and no allocation. Each kind holds at most
 * {@value #MAX_POOLS_PER_KIND} pools; pools of a kind that stopped are forgotten when a new one comes;
 * one more is refused and counted once in {@code weft_series_dropped_total{metric="tomcat_thread_count"}}
 * (or the kind's own {@code _count} metric). Pool names are bounded: the name the reader gives (the
 * server's own, without a per-run hash: Jetty's default {@code qtp1234567} is {@code qtp}), cut to
 * {@value #MAX_NAME_LENGTH} characters, made unique among the live pools of its kind with {@code -2},
 * {@code -3} ...
 */
public final class ThreadPoolMetrics implements ServerThreadPools.Registry, MultiCollector {

    static final int MAX_POOLS_PER_KIND = 16;
    static final int MAX_NAME_LENGTH = 64;
    /** Identity hashes of refused pools (direct-mapped, 0 is empty), so a refused pool never takes the lock. */
    private static final int REFUSED_SLOTS = 64;

    private final Map<String, Family> families = new LinkedHashMap<String, Family>();
    private final AgentHealth health;
    private final AtomicIntegerArray refused = new AtomicIntegerArray(REFUSED_SLOTS);
    /** Copied on write, read without a lock by {@link #serving} and the scrape. */
    private volatile Pool[] pools = new Pool[0];

    ThreadPoolMetrics(AgentHealth health, boolean dottedNames) {
        this.health = health;
        add(new Family("tomcat", "tomcat.thread.", "tomcat.thread.pool.name", "the Tomcat connector's pool",
                dottedNames));
        add(new Family("jetty", "jetty.thread.", "jetty.thread.pool.name", "the Jetty server's pool", dottedNames));
        add(new Family("undertow", "undertow.thread.", "undertow.thread.pool.name",
                "the Undertow (XNIO) worker pool", dottedNames));
        add(new Family("netty", "netty.event_loop.", "netty.event_loop.group.name", null, dottedNames));
    }

    private void add(Family family) {
        families.put(family.kind, family);
    }

    @Override
    public void serving(String kind, Object pool) {
        Pool[] known = pools;
        for (int i = 0; i < known.length; i++) {
            if (known[i].get() == pool) {
                return;
            }
        }
        int mark = System.identityHashCode(pool) | 1;
        if (refused.get(mark & (REFUSED_SLOTS - 1)) == mark) {
            return;
        }
        register(kind, pool, mark);
    }

    private synchronized void register(String kind, Object pool, int mark) {
        for (Pool p : pools) {
            if (p.get() == pool) {
                return;
            }
        }
        Family family = families.get(kind);
        Reader reader = ServerThreadPools.reader(kind);
        if (family == null || reader == null) {
            refuse(mark);
            return;
        }
        String name;
        try {
            name = bounded(reader.name(pool));
        } catch (Throwable t) {
            refuse(mark); // a pool its reader cannot name is one it cannot read either
            return;
        }
        List<Pool> kept = new ArrayList<Pool>();
        int ofKind = 0;
        long[] figures = new long[Reader.FIGURES];
        for (Pool p : pools) {
            Object other = p.get();
            if (other == null || (p.family == family && !reads(p, other, figures))) {
                continue; // collected, or a stopped server: its slot and its name are free again
            }
            kept.add(p);
            if (p.family == family) {
                ofKind++;
            }
        }
        if (kept.size() < pools.length) {
            for (int i = 0; i < REFUSED_SLOTS; i++) {
                refused.set(i, 0); // room was made: a pool refused before may come in now
            }
        }
        if (ofKind >= MAX_POOLS_PER_KIND) {
            pools = kept.toArray(new Pool[0]);
            refuse(mark);
            health.seriesDropped().labelValues(family.names[Reader.THREADS].replace('.', '_')).inc();
            return;
        }
        kept.add(new Pool(pool, family, reader, unique(name, family, kept)));
        pools = kept.toArray(new Pool[0]);
    }

    private void refuse(int mark) {
        refused.set(mark & (REFUSED_SLOTS - 1), mark);
    }

    private static boolean reads(Pool pool, Object target, long[] figures) {
        Arrays.fill(figures, -1);
        try {
            return pool.reader.read(target, figures);
        } catch (Throwable t) {
            return false;
        }
    }

    /** The name as the label carries it: never empty, at most {@value #MAX_NAME_LENGTH} characters. */
    static String bounded(String name) {
        if (name == null || name.trim().isEmpty()) {
            return "default";
        }
        String trimmed = name.trim();
        return trimmed.length() > MAX_NAME_LENGTH ? trimmed.substring(0, MAX_NAME_LENGTH) : trimmed;
    }

    private static String unique(String name, Family family, List<Pool> kept) {
        String candidate = name;
        for (int n = 2; taken(candidate, family, kept); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }

    private static boolean taken(String name, Family family, List<Pool> kept) {
        for (Pool p : kept) {
            if (p.family == family && p.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MetricSnapshots collect() {
        Pool[] known = pools;
        long[] figures = new long[Reader.FIGURES];
        Map<Family, List<List<GaugeDataPointSnapshot>>> points =
                new LinkedHashMap<Family, List<List<GaugeDataPointSnapshot>>>();
        boolean collected = false;
        for (Pool pool : known) {
            Object target = pool.get();
            if (target == null) {
                collected = true;
                continue;
            }
            if (!reads(pool, target, figures)) {
                continue;
            }
            List<List<GaugeDataPointSnapshot>> byFigure = points.get(pool.family);
            if (byFigure == null) {
                byFigure = new ArrayList<List<GaugeDataPointSnapshot>>();
                for (int i = 0; i < Reader.FIGURES; i++) {
                    byFigure.add(new ArrayList<GaugeDataPointSnapshot>());
                }
                points.put(pool.family, byFigure);
            }
            Labels labels = Labels.of(pool.family.label, pool.name);
            for (int i = 0; i < Reader.FIGURES; i++) {
                if (figures[i] >= 0 && pool.family.names[i] != null) {
                    byFigure.get(i).add(GaugeDataPointSnapshot.builder().value(figures[i]).labels(labels).build());
                }
            }
        }
        if (collected) {
            forgetCollected();
        }
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        for (Family family : families.values()) {
            List<List<GaugeDataPointSnapshot>> byFigure = points.get(family);
            if (byFigure == null) {
                continue;
            }
            for (int i = 0; i < Reader.FIGURES; i++) {
                if (byFigure.get(i).isEmpty()) {
                    continue;
                }
                GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.names[i]).help(family.helps[i]);
                for (GaugeDataPointSnapshot point : byFigure.get(i)) {
                    gauge.dataPoint(point);
                }
                snapshots.metricSnapshot(gauge.build());
            }
        }
        return snapshots.build();
    }

    private synchronized void forgetCollected() {
        List<Pool> kept = new ArrayList<Pool>();
        for (Pool p : pools) {
            if (p.get() != null) {
                kept.add(p);
            }
        }
        pools = kept.toArray(new Pool[0]);
        for (int i = 0; i < REFUSED_SLOTS; i++) {
            refused.set(i, 0);
        }
    }

    /** The pools known now, by kind and name; for tests. */
    synchronized List<String> known() {
        List<String> names = new ArrayList<String>();
        for (Pool p : pools) {
            if (p.get() != null) {
                names.add(p.family.kind + ":" + p.name);
            }
        }
        return names;
    }

    /** One kind of pool: its metric names and help, indexed like {@link Reader}'s figures. */
    private static final class Family {
        final String kind;
        final String label;
        final String[] names = new String[Reader.FIGURES];
        final String[] helps = new String[Reader.FIGURES];

        /** @param pool what the pool is, in help texts; null for a Netty event-loop group */
        Family(String kind, String prefix, String label, String pool, boolean dotted) {
            this.kind = kind;
            this.label = spelled(label, dotted);
            if (pool == null) {
                names[Reader.THREADS] = spelled(prefix + "count", dotted);
                helps[Reader.THREADS] = "Event loops of the Netty event-loop group that serves HTTP requests";
                names[Reader.QUEUED] = spelled(prefix + "queue.size", dotted);
                helps[Reader.QUEUED] = "Tasks waiting in the queues of the group's event loops";
                return;
            }
            names[Reader.BUSY] = spelled(prefix + "busy.count", dotted);
            helps[Reader.BUSY] = "Threads of " + pool + " running a task";
            names[Reader.LIMIT] = spelled(prefix + "limit", dotted);
            helps[Reader.LIMIT] = "The most threads " + pool + " will start";
            names[Reader.THREADS] = spelled(prefix + "count", dotted);
            helps[Reader.THREADS] = "Threads " + pool + " has";
            names[Reader.QUEUED] = spelled(prefix + "queue.size", dotted);
            helps[Reader.QUEUED] = "Tasks waiting for a thread of " + pool;
        }

        private static String spelled(String dottedName, boolean dotted) {
            return dotted ? dottedName : dottedName.replace('.', '_');
        }
    }

    /** A pool the agent reads, held weakly: the reference is the pool's owner (endpoint, server, worker, group). */
    private static final class Pool extends WeakReference<Object> {
        final Family family;
        final Reader reader;
        final String name;

        Pool(Object owner, Family family, Reader reader, String name) {
            super(owner);
            this.family = family;
            this.reader = reader;
            this.name = name;
        }
    }
}
