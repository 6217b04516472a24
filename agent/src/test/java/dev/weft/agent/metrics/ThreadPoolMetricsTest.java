package dev.weft.agent.metrics;

import static dev.weft.agent.metrics.TestRegistry.metrics;
import static dev.weft.agent.metrics.TestRegistry.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.bootstrap.ServerThreadPools;
import dev.weft.bootstrap.ServerThreadPools.Reader;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pools woven code hands over, read at scrape time through the real registry: exposition,
 * names, stopped and collected pools, the per-kind cap. The pools here are plain objects read by a
 * reader of the test's, as a module's reader reads a server's.
 */
class ThreadPoolMetricsTest {

    /** A pool with figures the test sets. */
    static final class TestPool {
        final String name;
        volatile boolean running = true;
        volatile long busy;
        volatile long limit = 200;
        volatile long threads = 10;
        volatile long queued;

        TestPool(String name) {
            this.name = name;
        }
    }

    static final class TestReader extends Reader {
        volatile boolean failing;

        @Override
        public String name(Object pool) {
            return ((TestPool) pool).name;
        }

        @Override
        public boolean read(Object pool, long[] figures) {
            if (failing) {
                throw new IllegalStateException("a getter failed");
            }
            TestPool p = (TestPool) pool;
            figures[BUSY] = p.busy;
            figures[LIMIT] = p.limit;
            figures[THREADS] = p.threads;
            figures[QUEUED] = p.queued;
            return p.running;
        }
    }

    static final TestReader READER = new TestReader();

    @BeforeAll
    static void installReaders() {
        ServerThreadPools.installReader("tomcat", READER);
        ServerThreadPools.installReader("jetty", READER);
        ServerThreadPools.installReader("netty", READER);
    }

    @Test
    void eachPoolHasItsFourSeriesLabelledByName() throws Exception {
        Metrics metrics = metrics(null);
        TestPool http = new TestPool("http-nio-8080");
        http.busy = 4;
        http.queued = 2;
        TestPool jetty = new TestPool("qtp");
        metrics.threadPools().serving("tomcat", http);
        metrics.threadPools().serving("tomcat", http);
        metrics.threadPools().serving("jetty", jetty);
        String text = scrape(metrics);
        assertTrue(text.contains("# TYPE tomcat_thread_busy_count gauge\n"
                + "tomcat_thread_busy_count{tomcat_thread_pool_name=\"http-nio-8080\"} 4.0\n"), text);
        assertTrue(text.contains("tomcat_thread_limit{tomcat_thread_pool_name=\"http-nio-8080\"} 200.0\n"), text);
        assertTrue(text.contains("tomcat_thread_count{tomcat_thread_pool_name=\"http-nio-8080\"} 10.0\n"), text);
        assertTrue(text.contains("tomcat_thread_queue_size{tomcat_thread_pool_name=\"http-nio-8080\"} 2.0\n"), text);
        assertTrue(text.contains("jetty_thread_busy_count{jetty_thread_pool_name=\"qtp\"} 0.0\n"), text);
        http.busy = 7;
        assertTrue(scrape(metrics).contains("tomcat_thread_busy_count{tomcat_thread_pool_name=\"http-nio-8080\"} 7.0\n"),
                "read at scrape time");
    }

    @Test
    void noPoolNoSeries() throws Exception {
        Metrics metrics = metrics(null);
        metrics.threadPools().serving("vertx", new TestPool("no reader for this kind"));
        String text = scrape(metrics);
        assertFalse(text.contains("_thread_"), text);
        assertFalse(text.contains("netty_"), text);
    }

    @Test
    void aNettyGroupHasLoopsAndQueuedTasksOnly() throws Exception {
        Metrics metrics = metrics(null);
        TestPool group = new TestPool("reactor-http-nio");
        group.threads = 4;
        group.queued = 3;
        metrics.threadPools().serving("netty", group);
        String text = scrape(metrics);
        assertTrue(text.contains("netty_event_loop_count{netty_event_loop_group_name=\"reactor-http-nio\"} 4.0\n"), text);
        assertTrue(text.contains("netty_event_loop_queue_size{netty_event_loop_group_name=\"reactor-http-nio\"} 3.0\n"), text);
        assertFalse(text.contains("netty_event_loop_busy"), text);
        assertFalse(text.contains("netty_event_loop_limit"), text);
    }

    @Test
    void figuresAPoolDoesNotHaveAreLeftOut() throws Exception {
        Metrics metrics = metrics(null);
        TestPool virtual = new TestPool("http-nio-8443");
        virtual.busy = -1;
        virtual.limit = -1;
        metrics.threadPools().serving("tomcat", virtual);
        String text = scrape(metrics);
        assertFalse(text.contains("tomcat_thread_busy_count"), text);
        assertFalse(text.contains("tomcat_thread_limit"), text);
        assertTrue(text.contains("tomcat_thread_count{tomcat_thread_pool_name=\"http-nio-8443\"} 10.0\n"), text);
    }

    @Test
    void twoLivePoolsOfOneNameAreToldApart() throws Exception {
        Metrics metrics = metrics(null);
        metrics.threadPools().serving("jetty", new TestPool("qtp"));
        TestPool second = new TestPool("qtp");
        metrics.threadPools().serving("jetty", second);
        metrics.threadPools().serving("tomcat", new TestPool("qtp")); // another kind: no clash
        assertEquals(Arrays.asList("jetty:qtp", "jetty:qtp-2", "tomcat:qtp"), metrics.threadPools().known());
        assertTrue(scrape(metrics).contains("jetty_thread_limit{jetty_thread_pool_name=\"qtp-2\"} 200.0\n"));
    }

    @Test
    void aStoppedPoolIsNotShownAndGivesUpItsName() throws Exception {
        Metrics metrics = metrics(null);
        TestPool first = new TestPool("qtp");
        metrics.threadPools().serving("jetty", first);
        first.running = false;
        assertFalse(scrape(metrics).contains("jetty_thread"), "a stopped server's pool");
        TestPool restarted = new TestPool("qtp");
        metrics.threadPools().serving("jetty", restarted);
        assertEquals(Arrays.asList("jetty:qtp"), metrics.threadPools().known());
        assertTrue(scrape(metrics).contains("jetty_thread_limit{jetty_thread_pool_name=\"qtp\"} 200.0\n"));
    }

    @Test
    void aPoolThatCannotBeReadIsLeftOutOfTheScrape() throws Exception {
        Metrics metrics = metrics(null);
        metrics.threadPools().serving("tomcat", new TestPool("http-nio-8080"));
        READER.failing = true;
        try {
            String text = scrape(metrics);
            assertFalse(text.contains("tomcat_thread"), text);
            assertTrue(text.contains("weft_build_info"), "the rest of the scrape: " + text);
        } finally {
            READER.failing = false;
        }
    }

    @Test
    void namesAreBounded() {
        assertEquals("default", ThreadPoolMetrics.bounded(null));
        assertEquals("default", ThreadPoolMetrics.bounded("  "));
        char[] longName = new char[200];
        Arrays.fill(longName, 'x');
        assertEquals(ThreadPoolMetrics.MAX_NAME_LENGTH, ThreadPoolMetrics.bounded(new String(longName)).length());
    }

    @Test
    void aKindHoldsAtMostSixteenPoolsAndCountsTheOnesItRefused() throws Exception {
        Metrics metrics = metrics(null);
        List<TestPool> pools = new ArrayList<>();
        for (int i = 0; i < ThreadPoolMetrics.MAX_POOLS_PER_KIND; i++) {
            pools.add(new TestPool("pool-" + i));
            metrics.threadPools().serving("tomcat", pools.get(i));
        }
        TestPool refused = new TestPool("one-too-many");
        for (int i = 0; i < 5; i++) {
            metrics.threadPools().serving("tomcat", refused);
        }
        String text = scrape(metrics);
        assertFalse(text.contains("one-too-many"), text);
        assertTrue(text.contains("tomcat_thread_limit{tomcat_thread_pool_name=\"pool-15\"} 200.0\n"), text);
        assertTrue(text.contains("weft_series_dropped_total{metric=\"tomcat_thread_count\"} 1.0\n"),
                "counted once, however often it is served: " + text);
        // a stopped server makes room
        pools.get(3).running = false;
        metrics.threadPools().serving("tomcat", new TestPool("replacement"));
        metrics.threadPools().serving("tomcat", refused);
        List<String> known = metrics.threadPools().known();
        assertTrue(known.contains("tomcat:replacement") && !known.contains("tomcat:pool-3"), known.toString());
        assertFalse(known.contains("tomcat:one-too-many"), "still full: " + known);
    }

    @Test
    void aCollectedPoolIsForgotten() throws Exception {
        Metrics metrics = metrics(null);
        TestPool pool = new TestPool("short-lived");
        metrics.threadPools().serving("tomcat", pool);
        assertTrue(scrape(metrics).contains("short-lived"));
        WeakReference<TestPool> gone = new WeakReference<>(pool);
        pool = null;
        for (int i = 0; i < 50 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(gone.get() == null, "the agent kept the pool alive");
        assertFalse(scrape(metrics).contains("short-lived"));
        assertEquals(new ArrayList<String>(), metrics.threadPools().known());
    }

    @Test
    void dottedNamesWithUtf8Names() throws Exception {
        Metrics metrics = metrics("utf8.names=true");
        metrics.threadPools().serving("tomcat", new TestPool("http-nio-8080"));
        List<String> names = new ArrayList<>();
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot.getMetadata().getName().startsWith("tomcat")) {
                names.add(snapshot.getMetadata().getName());
                assertEquals("tomcat.thread.pool.name", snapshot.getDataPoints().get(0).getLabels().getName(0));
            }
        }
        assertEquals(new TreeSet<>(Arrays.asList("tomcat.thread.busy.count", "tomcat.thread.limit",
                "tomcat.thread.count", "tomcat.thread.queue.size")), new TreeSet<>(names));
        // scrapers without UTF-8 names see the usual ones
        assertTrue(scrape(metrics).contains("tomcat_thread_busy_count{tomcat_thread_pool_name=\"http-nio-8080\"} 0.0\n"));
    }
}
