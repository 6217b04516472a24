package dev.weft.agent.metrics;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Properties;

/** The agent's real registry for metrics tests, configured by agent arguments, and its text exposition. */
final class TestRegistry {

    private TestRegistry() {}

    static Metrics metrics(String agentArgs) throws Exception {
        return new Metrics(Config.load(agentArgs, new Properties(), Collections.<String, String>emptyMap()), "test",
                new InstrumentationStats());
    }

    static String scrape(Metrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8.name());
    }
}
