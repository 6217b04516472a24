package dev.weft.agent.metrics;

import dev.weft.agent.config.Histograms;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;

/**
 * A duration or size histogram, as {@code WEFT_HISTOGRAMS} shapes it, registered and ready for
 * {@link #labelValues}:
 *
 * <pre>
 * classic  the configured buckets only (http_..._bucket{le="0.005"} ...): Weft's own
 *          {@link ClassicHistogram}, two atomic additions per observation
 * native   an exponential histogram only: schema 5 at first (32 buckets per power of two, about 2%
 *          error), halved in resolution when more than 160 buckets are in use
 * both     the two together, the Prometheus Java client's default; text scrapes see the classic
 *          buckets, a protobuf scrape gets both and Prometheus keeps what its configuration asks for
 * </pre>
 *
 * <p>{@code native} and {@code both} are the Prometheus client's {@link Histogram}, behind the same
 * interface. In a given JVM only one of the two implementations is ever loaded, so the recorders'
 * calls stay monomorphic. Exemplars, when on, come from the client's sampler asking
 * {@link TraceContext} (at most one per bucket per sample interval); only duration histograms have them.
 */
abstract class HistogramFamily {

    /** Values observed in nanoseconds, exposed in seconds. */
    static final double NANOSECONDS = 1e9;
    /** Values observed and exposed as they are (bytes). */
    static final double UNITS = 1;

    /** The series of one label set (values in the order of the label names), created on first use. */
    abstract HistogramPoint labelValues(String... values);

    /** Every series as collected now; labels with empty values may be absent. */
    public abstract HistogramSnapshot collect();

    /**
     * @param name the metric's name; {@code help} its help text
     * @param perExposedUnit {@link #NANOSECONDS} or {@link #UNITS}: how many observed units make one exposed
     */
    static HistogramFamily register(PrometheusRegistry registry, PrometheusProperties properties, String name,
                                    String help, String[] labelNames, Histograms shape, double[] classicBounds,
                                    boolean exemplars, double perExposedUnit) {
        Histogram.Builder builder = Histogram.builder(properties).name(name).help(help).labelNames(labelNames);
        if (exemplars) {
            builder.withExemplars();
        } else {
            builder.withoutExemplars();
        }
        switch (shape) {
            case CLASSIC: {
                // the client's metric is built only for its metadata, so names and help are exactly its own
                ClassicHistogram h = new ClassicHistogram(builder.classicOnly().classicUpperBounds(classicBounds)
                        .build().getMetadata(), labelNames, classicBounds, perExposedUnit,
                        exemplars ? properties.getExemplarProperties() : null);
                registry.register(h);
                return h;
            }
            case NATIVE:
                return new ClientHistogram(registry, builder.nativeOnly().build(), perExposedUnit);
            default:
                return new ClientHistogram(registry, builder.classicUpperBounds(classicBounds).build(), perExposedUnit);
        }
    }

    /** The Prometheus client's histogram, for native buckets. */
    private static final class ClientHistogram extends HistogramFamily {
        private final Histogram histogram;
        private final double perExposedUnit;

        ClientHistogram(PrometheusRegistry registry, Histogram histogram, double perExposedUnit) {
            this.histogram = histogram;
            this.perExposedUnit = perExposedUnit;
            registry.register(WithoutEmptyLabels.of(histogram));
        }

        @Override
        public HistogramSnapshot collect() {
            return histogram.collect();
        }

        @Override
        HistogramPoint labelValues(String... values) {
            final DistributionDataPoint point = histogram.labelValues(values);
            final double divisor = perExposedUnit;
            return new HistogramPoint() {
                @Override
                public void observe(long value) {
                    point.observe(value / divisor);
                }
            };
        }
    }
}
