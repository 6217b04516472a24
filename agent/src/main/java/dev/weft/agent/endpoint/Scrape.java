package dev.weft.agent.endpoint;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.MetricNameFilter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One scrape of the registry, written in the format {@link Negotiation} picks:
 *
 * <pre>
 * GET /metrics                          Prometheus text 0.0.4 (or what Accept asks for)
 * GET /metrics?name[]=jvm_threads_live  only the named metric families
 * GET /metrics?debug=openmetrics        a format by name, as text/plain for a browser:
 *                                       text, openmetrics, prometheus-protobuf
 * </pre>
 *
 * <p>Why not the client's {@code PrometheusScrapeHandler}: it picks protobuf whenever the Accept
 * header mentions it, whatever its weight and whether a protobuf writer is present, and then fails
 * the scrape; Prometheus 3 with native histograms sends exactly such a header.
 */
final class Scrape implements ScrapeCache.Renderer {

    /** The names {@code ?debug=} understands, as the Prometheus client's exporters spell them. */
    static final String DEBUG_FORMATS = "text, openmetrics, prometheus-protobuf";

    private final PrometheusRegistry registry;
    private final EnumMap<Format, ExpositionFormatWriter> writers = new EnumMap<Format, ExpositionFormatWriter>(Format.class);
    private final Set<Format> available;
    /** Pages of uncompressed and of gzip bodies, reused from scrape to scrape, each sized by its own kind. */
    private final PagePool plainPages = new PagePool();
    private final PagePool gzipPages = new PagePool();

    /**
     * @param protobuf the writer for {@link Format#PROMETHEUS_PROTOBUF}, or null when there is none
     * @param createdTimestamps whether counters and histograms carry their start time
     */
    Scrape(PrometheusRegistry registry, ExpositionFormatWriter protobuf, boolean createdTimestamps) {
        this.registry = registry;
        ExpositionFormatWriter text = TextWriter.prometheus(createdTimestamps);
        ExpositionFormatWriter openMetrics = TextWriter.openMetrics(createdTimestamps);
        writers.put(Format.PROMETHEUS_TEXT_0_0_4, text);
        writers.put(Format.PROMETHEUS_TEXT_1_0_0, text);
        writers.put(Format.OPENMETRICS_0_0_1, openMetrics);
        writers.put(Format.OPENMETRICS_1_0_0, openMetrics);
        if (protobuf != null) {
            writers.put(Format.PROMETHEUS_PROTOBUF, protobuf);
        }
        available = EnumSet.copyOf(writers.keySet());
    }

    /** The formats this scrape can write. */
    Set<Format> available() {
        return available;
    }

    @Override
    public void handle(Http1Exchange exchange) throws IOException {
        String[] names = exchange.getParameterValues("name[]");
        String[] debug = exchange.getParameterValues("debug");
        MetricSnapshots snapshots = names == null ? registry.scrape(exchange)
                : registry.scrape(MetricNameFilter.builder().nameMustBeEqualTo(names).build(), exchange);
        if (debug != null) {
            debug(exchange, debug[0], snapshots);
            return;
        }
        Negotiation.Choice choice = negotiate(exchange.header("accept"));
        boolean gzip = acceptsGzip(exchange);
        ExpositionFormatWriter writer = writers.get(choice.format);
        PageBuffer page = (gzip ? gzipPages : plainPages).acquire();
        try {
            if (gzip) {
                gzip(writer, snapshots, choice.escaping, page);
            } else {
                writer.write(page, snapshots, choice.escaping);
                plainPages.rendered(page);
            }
            exchange.setHeader("Content-Type", contentType(choice));
            if (gzip) {
                exchange.setHeader("Content-Encoding", "gzip");
            }
            exchange.sendPage(200, page);
            page = null;
        } finally {
            if (page != null) {
                page.release();
            }
        }
    }

    /**
     * The page compressed as it is written, through a small buffer: the whole text never sits in
     * memory. At deflate's fastest level: a scrape's text repeats its label sets line after line, so
     * level 1 already takes it to a fraction of its size, at a fraction of the default level's CPU
     * time, and Prometheus asks every scrape for gzip. The text writers splice in the compressed
     * blocks of histogram series that did not change since the scrape before ({@link SplicingGzip}).
     */
    private void gzip(ExpositionFormatWriter writer, MetricSnapshots snapshots, EscapingScheme escaping,
                      PageBuffer page) throws IOException {
        SplicingGzip zip = new SplicingGzip(page);
        try {
            PageBuffer text = PageBuffer.draining(zip, 64 * 1024);
            writer.write(text, snapshots, escaping);
            text.drain();
            zip.close();
        } finally {
            zip.abandon();
        }
        gzipPages.rendered(page);
    }

    /** A header we cannot read still gets a scrape, in the plain text format. */
    Negotiation.Choice negotiate(String accept) {
        try {
            return Negotiation.choose(accept, available);
        } catch (RuntimeException e) {
            return Negotiation.FALLBACK;
        }
    }

    /** With UTF-8 names allowed, the answer says which escaping it used, as Prometheus's own libraries do. */
    static String contentType(Negotiation.Choice choice) {
        return choice.format.utf8Names && choice.format != Format.PROMETHEUS_PROTOBUF
                ? choice.format.contentType + "; escaping=" + choice.escaping.getValue()
                : choice.format.contentType;
    }

    private void debug(Http1Exchange exchange, String name, MetricSnapshots snapshots) throws IOException {
        Format format = "text".equals(name) ? Format.PROMETHEUS_TEXT_0_0_4
                : "openmetrics".equals(name) ? Format.OPENMETRICS_1_0_0
                : "prometheus-protobuf".equals(name) ? Format.PROMETHEUS_PROTOBUF : null;
        ExpositionFormatWriter writer = format == null ? null : writers.get(format);
        if (writer == null) {
            exchange.respond(400, "debug=" + name + " is not a format Weft writes here; try one of: "
                    + debugFormats() + ".\n");
            return;
        }
        exchange.setHeader("Content-Type", "text/plain; charset=utf-8");
        byte[] text = writer.toDebugString(snapshots, EscapingScheme.UNDERSCORE_ESCAPING).getBytes(StandardCharsets.UTF_8);
        exchange.sendHeadersAndGetBody(200, text.length).write(text);
    }

    private String debugFormats() {
        return available.contains(Format.PROMETHEUS_PROTOBUF) ? DEBUG_FORMATS : "text, openmetrics";
    }

    /** {@code gzip} or {@code gzip;q=0.5} in Accept-Encoding; {@code gzip;q=0} refuses it. */
    static boolean acceptsGzip(Http1Exchange exchange) {
        java.util.Enumeration<String> values = exchange.getHeaders("accept-encoding");
        while (values.hasMoreElements()) {
            for (String coding : values.nextElement().split(",")) {
                String[] parts = coding.split(";");
                if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) {
                    continue;
                }
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim().replace(" ", "");
                    if (p.startsWith("q=") && p.substring(2).matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
