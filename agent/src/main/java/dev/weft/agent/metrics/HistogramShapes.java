package dev.weft.agent.metrics;

import dev.weft.agent.config.Histograms;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * The one place that decides what Weft's histograms keep ({@code WEFT_HISTOGRAMS}):
 *
 * <pre>
 * classic  the configured buckets only (http_..._bucket{le="0.005"} ...)
 * native   an exponential histogram only: schema 5 at first (32 buckets per power of two, about 2%
 *          error), halved in resolution when more than 160 buckets are in use
 * both     the two together, the Prometheus Java client's default; text scrapes see the classic
 *          buckets, a protobuf scrape gets both and Prometheus keeps what its configuration asks for
 * </pre>
 *
 * <p>Exemplars, when on, come from the client's sampler asking {@link TraceContext} (at most one
 * per bucket per sample interval); only duration histograms have them.
 */
final class HistogramShapes {

    private HistogramShapes() {}

    static Histogram.Builder shape(Histogram.Builder builder, Histograms shape, double[] classicBounds,
                                   boolean exemplars) {
        if (exemplars) {
            builder.withExemplars();
        } else {
            builder.withoutExemplars();
        }
        switch (shape) {
            case CLASSIC:
                return builder.classicOnly().classicUpperBounds(classicBounds);
            case NATIVE:
                return builder.nativeOnly();
            default:
                return builder.classicUpperBounds(classicBounds);
        }
    }
}
