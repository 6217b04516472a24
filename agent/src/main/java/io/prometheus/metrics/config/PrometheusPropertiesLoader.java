package io.prometheus.metrics.config;

import java.util.Map;

/**
 * Weft's stand-in for the Prometheus client's loader of the same name, which the shaded jar
 * carries instead of the original (see the shade filter in agent/pom.xml).
 *
 * <p>The original is called from {@code PrometheusProperties}' static initialiser and reads
 * {@code prometheus.properties}, {@code prometheus.config} and every {@code IO_PROMETHEUS_*}
 * variable: settings that belong to the application's own Prometheus client. Reading them would
 * let the application's configuration change Weft's output, and an entry the relocated client
 * does not know stops it with an exception. Weft passes explicit properties everywhere, so
 * the defaults returned here are never used for Weft's own metrics; they exist because the class
 * must initialise.
 */
public final class PrometheusPropertiesLoader {

    private PrometheusPropertiesLoader() {}

    public static PrometheusProperties load() {
        return PrometheusProperties.builder().build();
    }

    public static PrometheusProperties load(Map<Object, Object> ignored) {
        return PrometheusProperties.builder().build();
    }
}
