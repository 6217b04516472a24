package dev.weft.agent.metrics;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the advice costs per request once its series exist: the recorder's {@code start} and
 * {@code end} (active gauge, a {@code System.nanoTime()} pair, label lookup, histogram observe),
 * for a server request and a client call, on one thread and on two contending for the same series.
 * Run with {@code -prof gc} to see B/op; the budget (DESIGN.md §7) is under 100 ns and 0 B.
 *
 * <pre>
 * benchmarks/run-jmh RecorderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecorderBenchmark {

    /** WEFT_HISTOGRAMS: native histograms add an exponential bucket lookup to every observation. */
    @Param({"classic", "both"})
    public String histograms;

    private ServerMetrics server;
    private ClientMetrics client;

    @Setup
    public void setUp() throws Exception {
        Metrics metrics = new Metrics(Config.load("histograms=" + histograms, new Properties(),
                Collections.<String, String>emptyMap()),
                "benchmark", new InstrumentationStats());
        server = metrics.server();
        client = metrics.client();
    }

    @Benchmark
    public void serverRequest() {
        long start = server.start("GET");
        server.end(start, "GET", "/api/users/{id}", 200, null, -1L, 512L);
    }

    @Benchmark
    @Threads(2)
    public void serverRequestTwoThreads() {
        serverRequest();
    }

    @Benchmark
    public void clientRequest() {
        long start = client.start("GET", "api.example.com", 443);
        client.end(start, "GET", "api.example.com", 443, 200, null);
    }

    @Benchmark
    @Threads(2)
    public void clientRequestTwoThreads() {
        clientRequest();
    }

    /**
     * The two {@code System.nanoTime()} calls every timed request makes (one in {@code start}, one in
     * {@code end}), alone: the part of {@link #serverRequest} no recorder can save. On a virtual
     * machine whose clock source is read through the hypervisor it is most of it.
     */
    @Benchmark
    public long clockPair() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    /** The route a JAX-RS request gets: the templates Jersey matched behind the servlet's prefix. */
    @Benchmark
    public String jaxrsRoute() {
        server.frameworkParent("/users");
        server.frameworkTemplate("{id}");
        return server.mappedRoute("/shop", "/api/*");
    }
}
