package dev.weft.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, briefly, in this JVM: proof that they still compile and run against
 * the agent's current code. The figures of this run mean nothing; benchmarks/run-jmh measures.
 */
class BenchmarksRunTest {

    @Test
    void everyBenchmarkRuns() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("dev\\.weft\\.agent\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .build()).run();
        // RecorderBenchmark has 6 methods with 2 histogram shapes; PathTemplaterBenchmark 1 method
        // with 4 paths; ScrapeBenchmark 4 methods with 4 formats, 2 histogram shapes and 2 kinds of
        // series; ThreadPoolBenchmark 2
        assertEquals(12 + 4 + 64 + 2, results.size(), "benchmarks run: " + results.size());
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
    }
}
