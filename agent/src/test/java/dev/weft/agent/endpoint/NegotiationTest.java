package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real Accept headers and the format each gets. The Prometheus 2.42 lines were captured from
 * Debian's {@code /usr/bin/prometheus} scraping a listener (with and without
 * {@code --enable-feature=native-histograms}); the 3.x lines are what its {@code acceptHeader}
 * builds from the default {@code scrape_protocols} (weights from 0.6 down, {@code escaping=} on the
 * 1.0.0 text formats) and the header quoted in issue 19.
 */
class NegotiationTest {

    private static final Set<Format> TEXT_ONLY = EnumSet.complementOf(EnumSet.of(Format.PROMETHEUS_PROTOBUF));
    private static final Set<Format> ALL = EnumSet.allOf(Format.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        # who                                  | Accept                                                                                                                                                                                                                                                    | with protobuf                  | without protobuf
        Prometheus 2.42                        | application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1                                                                                                                  | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        Prometheus 2.42 native histograms      | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1         | PrometheusProto                | OpenMetricsText1.0.0
        Prometheus 3.x                         | application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2                               | OpenMetricsText1.0.0 allow-utf-8 | OpenMetricsText1.0.0 allow-utf-8
        Prometheus 3.x legacy names            | application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=underscores;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2                               | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        Prometheus 3.x native histograms       | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1 | PrometheusProto | OpenMetricsText1.0.0 allow-utf-8
        issue 19                               | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1                                                       | PrometheusProto                | OpenMetricsText1.0.0
        issue 19 with protobuf q=0             | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0,application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1                                                         | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        scrape_protocols: [PrometheusText1.0.0] | text/plain;version=1.0.0;escaping=allow-utf-8;q=0.6,*/*;q=0.5                                                                                                                                                                                           | PrometheusText1.0.0 allow-utf-8 | PrometheusText1.0.0 allow-utf-8
        scrape_protocols: [PrometheusText0.0.4] | text/plain;version=0.0.4;q=0.6,*/*;q=0.5                                                                                                                                                                                                                 | PrometheusText0.0.4            | PrometheusText0.0.4
        scrape_protocols: [OpenMetricsText0.0.1] | application/openmetrics-text;version=0.0.1;q=0.6,*/*;q=0.5                                                                                                                                                                                             | OpenMetricsText0.0.1           | OpenMetricsText0.0.1
        protobuf only                          | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited                                                                                                                                                                | PrometheusProto                | PrometheusText0.0.4
        protobuf as text encoding              | application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text,text/plain;q=0.1                                                                                                                                                    | PrometheusText0.0.4            | PrometheusText0.0.4
        curl                                   | */*                                                                                                                                                                                                                                                       | PrometheusText0.0.4            | PrometheusText0.0.4
        Firefox                                | text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8                                                                                                                                                                                           | PrometheusText0.0.4            | PrometheusText0.0.4
        Chrome                                 | text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7                                                                                                                  | PrometheusText0.0.4            | PrometheusText0.0.4
        no header                              | ''                                                                                                                                                                                                                                                        | PrometheusText0.0.4            | PrometheusText0.0.4
        bare OpenMetrics                       | application/openmetrics-text                                                                                                                                                                                                                              | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        bare text                              | text/plain                                                                                                                                                                                                                                                | PrometheusText0.0.4            | PrometheusText0.0.4
        text wildcard                          | text/*                                                                                                                                                                                                                                                    | PrometheusText0.0.4            | PrometheusText0.0.4
        application wildcard                   | application/*                                                                                                                                                                                                                                             | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        OpenMetrics 2.0 unknown                | application/openmetrics-text;version=2.0.0,text/plain;version=0.0.4;q=0.2                                                                                                                                                                                 | PrometheusText0.0.4            | PrometheusText0.0.4
        nothing acceptable                     | application/json                                                                                                                                                                                                                                          | PrometheusText0.0.4            | PrometheusText0.0.4
        everything refused                     | */*;q=0                                                                                                                                                                                                                                                   | PrometheusText0.0.4            | PrometheusText0.0.4
        specific beats wildcard                | */*;q=0.9,text/plain;version=0.0.4;q=0.1,application/openmetrics-text;q=0                                                                                                                                                                                | PrometheusText1.0.0            | PrometheusText1.0.0
        spaces and case                        | Application/OpenMetrics-Text ; Version=1.0.0 ; Q=0.9 , text/plain ; q=0.5                                                                                                                                                                                 | OpenMetricsText1.0.0           | OpenMetricsText1.0.0
        malformed weights are skipped          | application/openmetrics-text;q=abc,text/plain;version=1.0.0;q=2,text/plain;q=0.1                                                                                                                                                                          | PrometheusText0.0.4            | PrometheusText0.0.4
        garbage                                | ;;,,/;q=,=;a/b/c;=                                                                                                                                                                                                                                        | PrometheusText0.0.4            | PrometheusText0.0.4
        """)
    void acceptHeaders(String who, String accept, String withProtobuf, String withoutProtobuf) {
        assertEquals(withProtobuf, Negotiation.choose(accept, ALL).toString(), who);
        assertEquals(withoutProtobuf, Negotiation.choose(accept, TEXT_ONLY).toString(), who);
    }
}
