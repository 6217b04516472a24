package dev.weft.agent.endpoint;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.ClientMetrics;
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
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * One scrape of 2,000 label sets (the default {@code WEFT_MAX_SERIES}), each observed 20 times over
 * 0.1 ms to 3 s, plus the JVM metrics: the registry snapshot and its exposition in each format, by
 * Weft's writers and, for protobuf, by the Prometheus client's own (protobuf runtime) writer for
 * comparison. {@code series=client} are the label sets of the end-to-end run's scrape figure
 * ({@code http_client_request_duration_seconds} of 2,000 refused connections, one port each),
 * {@code series=server} those of {@code http_server_request_duration_seconds} on 2,000 routes.
 * {@link #endpoint} is what the endpoint does for one scrape: snapshot, negotiation, exposition, body;
 * with the registry unchanged since the scrape before, as for idle series. {@link #endpointAfterObservations}
 * the same after every series changed.
 *
 * <pre>
 * benchmarks/run-jmh ScrapeBenchmark -p series=client
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

    @Param({"client", "server"})
    public String series;

    private Metrics metrics;
    private ExpositionFormatWriter writer;
    private MetricSnapshots snapshots;
    private int lastSize = 1 << 20;
    private Scrape scrape;
    private String accept;
    /** Requests each series has seen so far. */
    private int observations;

    private static final ConnectException REFUSED = new ConnectException("Connection refused");

    @Setup
    public void setUp() throws Exception {
        metrics = new Metrics(Config.load("histograms=" + histograms + ",max.series=" + (SERIES + 1), new Properties(),
                Collections.<String, String>emptyMap()), "benchmark", new InstrumentationStats());
        while (observations < 20) {
            observeEverySeries(observations++);
        }
        scrape = new Scrape(metrics.registry(), new ProtobufWriter(false), false);
        accept = format.equals("openmetrics") ? "application/openmetrics-text; version=1.0.0"
                : format.startsWith("protobuf") ? "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
                : "text/plain; version=0.0.4";
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

    /**
     * One scrape as the endpoint serves it (no gzip): the registry snapshot, content negotiation,
     * the exposition into the page reused from the scrape before. {@code protobuf-client} runs Weft's
     * protobuf writer here.
     */
    @Benchmark
    public int endpoint() throws IOException {
        ByteBuffer request = ByteBuffer.wrap(("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Http1Exchange exchange = new Http1Exchange(RequestHead.parse(request).head);
        scrape.handle(exchange);
        Response response = exchange.response();
        int length = response.length;
        response.release(); // as the connection does once it wrote the body: the page is reused
        return length;
    }

    /**
     * One scrape as {@link #endpoint}, after every series saw one more request (2,000 observations,
     * a few tenths of a millisecond of the figure): nothing can be copied from the scrape before, as
     * {@link #endpoint} copies everything, its registry never changing between scrapes.
     */
    @Benchmark
    public int endpointAfterObservations() throws IOException {
        observeEverySeries(observations++);
        return endpoint();
    }

    /** One request per label set; durations spread from 0.1 ms to about 3 s, so native histograms use many buckets. */
    private void observeEverySeries(int n) {
        ServerMetrics server = metrics.server();
        ClientMetrics client = metrics.client();
        for (int i = 0; i < SERIES; i++) {
            long elapsed = (long) (100_000 * Math.pow(1.7, (i + n) % 20));
            if (series.equals("client")) {
                long start = client.start("GET", "127.0.0.1", 20000 + i);
                client.end(start - elapsed, "GET", "127.0.0.1", 20000 + i, 0, REFUSED);
            } else {
                long start = server.start("GET");
                server.end(start - elapsed, "GET", "/api/r" + i, 200, null, -1L, -1L);
            }
        }
    }

    /** Prints the body size of each format once, for docs/benchmarks.md. */
    public static void main(String[] args) throws Exception {
        for (String h : new String[] {"classic", "both"}) {
            for (String f : new String[] {"text", "openmetrics", "protobuf", "protobuf-client"}) {
                ScrapeBenchmark b = new ScrapeBenchmark();
                b.format = f;
                b.histograms = h;
                b.series = args.length > 0 ? args[0] : "client";
                b.setUp();
                System.out.println(h + " " + f + " " + b.write() + " bytes");
            }
        }
    }
}
