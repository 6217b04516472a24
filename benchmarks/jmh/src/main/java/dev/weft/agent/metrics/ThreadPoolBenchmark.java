package dev.weft.agent.metrics;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.bootstrap.ServerThreadPools;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the thread-pool advice costs per unit of work a server dispatches, once its pool is known:
 * {@code ServerThreadPools.serving} finding the pool among the known ones (here the second of two,
 * as with two Tomcat connectors), on one thread and on two.
 *
 * <pre>
 * benchmarks/run-jmh ThreadPoolBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadPoolBenchmark {

    private final Object http = new Object();
    private final Object https = new Object();

    @Setup
    public void setUp() throws Exception {
        Metrics metrics = new Metrics(Config.load(null, new Properties(), Collections.<String, String>emptyMap()),
                "benchmark", new InstrumentationStats());
        ServerThreadPools.installReader("tomcat", new ServerThreadPools.Reader() {
            @Override
            public String name(Object pool) {
                return pool == http ? "http-nio-8080" : "https-jsse-nio-8443";
            }

            @Override
            public boolean read(Object pool, long[] figures) {
                return true;
            }
        });
        ServerThreadPools.install(metrics.threadPools());
        ServerThreadPools.serving("tomcat", http);
        ServerThreadPools.serving("tomcat", https);
    }

    @Benchmark
    public void servingAKnownPool() {
        ServerThreadPools.serving("tomcat", https);
    }

    @Benchmark
    @Threads(2)
    public void servingAKnownPoolTwoThreads() {
        servingAKnownPool();
    }
}
