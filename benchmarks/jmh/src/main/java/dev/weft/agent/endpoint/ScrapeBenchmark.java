package dev.weft.agent.endpoint;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import dev.weft.agent.metrics.ServerMetrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.expositionformats.internal.PrometheusProtobufWriterImpl;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scrape of 2,000 label sets of {@code http_server_request_duration_seconds} (the default
 * {@code WEFT_MAX_SERIES}), each observed 20 times over 0.1 ms to 3 s, plus the JVM metrics: the
 * registry snapshot and its exposition in each format, by Weft's writers and, for protobuf, by the
 * Prometheus client's own (protobuf runtime) writer for comparison.
 *
 * <pre>
 * benchmarks/run-jmh ScrapeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrapeBenchmark {

    static final int SERIES = 2000;

    @Param({"text", "openmetrics", "protobuf", "protobuf-client"})
    public String format;

    @Param({"classic", "both"})
    public String histograms;

    private Metrics metrics;
    private ExpositionFormatWriter writer;
    private MetricSnapshots snapshots;
    private int lastSize = 1 << 20;

    @Setup
    public void setUp() throws Exception {
        metrics = new Metrics(Config.load("histograms=" + histograms + ",max.series=" + (SERIES + 1), new Properties(),
                Collections.<String, String>emptyMap()), "benchmark", new InstrumentationStats());
        ServerMetrics server = metrics.server();
        for (int i = 0; i < SERIES; i++) {
            for (int n = 0; n < 20; n++) {
                long start = server.start("GET");
                // durations spread from 0.1 ms to about 3 s, so native histograms use many buckets
                long elapsed = (long) (100_000 * Math.pow(1.7, (i + n) % 20));
                server.end(start - elapsed, "GET", "/api/r" + i, 200, null, -1L, -1L);
            }
        }
        switch (format) {
            case "text": writer = PrometheusTextFormatWriter.builder().build(); break;
            case "openmetrics": writer = OpenMetricsTextFormatWriter.builder().build(); break;
            case "protobuf": writer = new ProtobufWriter(false); break;
            default: writer = new PrometheusProtobufWriterImpl(); break;
        }
        snapshots = metrics.registry().scrape();
    }

    /** The exposition alone, from a snapshot taken once. */
    @Benchmark
    public int write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + 1024);
        writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        lastSize = out.size();
        return out.size();
    }

    /** What a scrape costs the endpoint: the registry snapshot and the exposition. */
    @Benchmark
    public int scrapeAndWrite() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + 1024);
        writer.write(out, metrics.registry().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        lastSize = out.size();
        return out.size();
    }

    /** Prints the body size of each format once, for docs/benchmarks.md. */
    public static void main(String[] args) throws Exception {
        for (String h : new String[] {"classic", "both"}) {
            for (String f : new String[] {"text", "openmetrics", "protobuf", "protobuf-client"}) {
                ScrapeBenchmark b = new ScrapeBenchmark();
                b.format = f;
                b.histograms = h;
                b.setUp();
                System.out.println(h + " " + f + " " + b.write() + " bytes");
            }
        }
    }
}
