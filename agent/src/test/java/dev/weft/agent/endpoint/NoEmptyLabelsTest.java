package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.ClientMetrics;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A success has no {@code error_type} label and a call that got no response no
 * {@code http_response_status_code}, in every format, while the label is there where it has a value.
 */
class NoEmptyLabelsTest {

    private static MetricSnapshots recorded() throws Exception {
        Metrics metrics = new Metrics(Config.load("histograms=both", new Properties(),
                Collections.<String, String>emptyMap()), "test", new InstrumentationStats());
        metrics.server().end(metrics.server().start("GET"), "GET", "/a", 200, null, 10, 20);
        metrics.server().end(metrics.server().start("GET"), "GET", "/a", 500, new IllegalStateException(), -1, -1);
        ClientMetrics client = metrics.client();
        client.end(client.start("GET", "h", 80), "GET", "h", 80, 200, null);
        client.end(client.start("GET", "h", 80), "GET", "h", 80, ClientMetrics.NO_STATUS, new ConnectException());
        client.end(client.start("GET", "h", -1), "GET", "h", -1, 204, null);
        return metrics.registry().scrape();
    }

    @Test
    void theTextFormatsWriteNoEmptyValue() throws Exception {
        MetricSnapshots snapshots = recorded();
        for (boolean openMetrics : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (openMetrics) {
                OpenMetricsTextFormatWriter.create().write(out, snapshots);
            } else {
                PrometheusTextFormatWriter.create().write(out, snapshots);
            }
            String text = out.toString(StandardCharsets.UTF_8.name());
            assertFalse(text.contains("=\"\""), text);
            assertTrue(text.contains("http_server_request_duration_seconds_count{http_request_method=\"GET\","
                    + "http_response_status_code=\"200\",http_route=\"/a\"} 1"), text);
            assertTrue(text.contains("http_server_request_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
                    + "http_request_method=\"GET\",http_response_status_code=\"500\",http_route=\"/a\"} 1"), text);
            assertTrue(text.contains("http_server_response_body_size_bytes_count{http_request_method=\"GET\","
                    + "http_response_status_code=\"200\",http_route=\"/a\"} 1"), text);
            assertTrue(text.contains("http_client_request_duration_seconds_count{error_type=\"java.net.ConnectException\","
                    + "http_request_method=\"GET\",server_address=\"h\",server_port=\"80\"} 1"), text);
            assertTrue(text.contains("http_client_request_duration_seconds_count{http_request_method=\"GET\","
                    + "http_response_status_code=\"204\",server_address=\"h\"} 1"), text);
            assertTrue(text.contains("http_client_active_requests{http_request_method=\"GET\",server_address=\"h\"} 0"), text);
        }
    }

    @Test
    void protobufCarriesNoEmptyLabelPairAndKeepsNativeBuckets() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProtobufWriter(false).write(out, recorded(), EscapingScheme.UNDERSCORE_ESCAPING);
        int histograms = 0;
        for (MetricFamily family : ProtobufWriterTest.parse(out.toByteArray())) {
            for (Metric metric : family.getMetricList()) {
                TreeMap<String, String> labels = new TreeMap<>();
                for (LabelPair pair : metric.getLabelList()) {
                    assertFalse(pair.getValue().isEmpty(), family.getName() + " " + metric);
                    labels.put(pair.getName(), pair.getValue());
                }
                if (family.getName().equals("http_server_request_duration_seconds")
                        && "200".equals(labels.get("http_response_status_code"))) {
                    assertEquals("{http_request_method=GET, http_response_status_code=200, http_route=/a}", labels.toString());
                    assertEquals(1, metric.getHistogram().getSampleCount());
                    assertTrue(metric.getHistogram().getPositiveSpanCount() > 0, "native buckets kept: " + metric);
                    assertTrue(metric.getHistogram().getBucketCount() > 0, "classic buckets kept: " + metric);
                    histograms++;
                }
            }
        }
        assertEquals(1, histograms);
    }
}
