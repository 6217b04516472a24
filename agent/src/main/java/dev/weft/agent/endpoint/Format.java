package dev.weft.agent.endpoint;

/**
 * The exposition formats a Prometheus server can ask for, named as in its {@code scrape_protocols}
 * setting, in the order Weft prefers them when a scraper names several with the same weight.
 *
 * <p>Two versions of one text format differ only in UTF-8 names: {@code text/plain; version=1.0.0}
 * and OpenMetrics 1.0.0 may carry them (quoted) when the scraper says {@code escaping=allow-utf-8};
 * the older versions always get names escaped to the legacy character set.
 */
enum Format {
    PROMETHEUS_PROTOBUF("PrometheusProto", "application", "vnd.google.protobuf", null,
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", true),
    OPENMETRICS_1_0_0("OpenMetricsText1.0.0", "application", "openmetrics-text", "1.0.0",
            "application/openmetrics-text; version=1.0.0; charset=utf-8", true),
    OPENMETRICS_0_0_1("OpenMetricsText0.0.1", "application", "openmetrics-text", "0.0.1",
            "application/openmetrics-text; version=0.0.1; charset=utf-8", false),
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text", "plain", "1.0.0",
            "text/plain; version=1.0.0; charset=utf-8", true),
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text", "plain", "0.0.4",
            "text/plain; version=0.0.4; charset=utf-8", false);

    /**
     * The protobuf message a delimited protobuf scrape carries; any other is not ours to write.
     * Joined at run time: the shade plugin relocates every string constant that starts with
     * {@code io.prometheus}, and would turn this one into {@code dev.weft.shaded.io.prometheus...}.
     */
    static final String PROTO = String.join(".", "io", "prometheus", "client", "MetricFamily");

    /** The name in Prometheus's {@code scrape_protocols}. */
    final String protocol;
    final String type;
    final String subtype;
    /** The {@code version=} parameter; null for protobuf, which has none. */
    final String version;
    final String contentType;
    /** True when the format can carry names outside the legacy character set. */
    final boolean utf8Names;

    Format(String protocol, String type, String subtype, String version, String contentType, boolean utf8Names) {
        this.protocol = protocol;
        this.type = type;
        this.subtype = subtype;
        this.version = version;
        this.contentType = contentType;
        this.utf8Names = utf8Names;
    }

    /**
     * The version preferred for a range without {@code version=}: Prometheus's own reading (a bare
     * {@code text/plain} is the 0.0.4 text format) and the client's (a bare OpenMetrics is 1.0.0).
     */
    boolean isDefaultVersion() {
        return this == PROMETHEUS_TEXT_0_0_4 || this == OPENMETRICS_1_0_0 || this == PROMETHEUS_PROTOBUF;
    }
}
