package dev.weft.agent.metrics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The path heuristic on typical paths of a default servlet, uncached: what a request to a path the
 * route cache has not seen costs (a cached path is one map lookup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathTemplaterBenchmark {

    @Param({
        "/api/v1/users/42/orders/1001",
        "/static/js/main.8f3a2b1c.js",
        "/files/3fa85f64-5717-4562-b3fc-2c963f66afa6/raw",
        "/actuator/health",
    })
    public String path;

    @Benchmark
    public String template() {
        return PathTemplater.template(path);
    }
}
