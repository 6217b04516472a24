package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM and process collectors, set up by the first scrape: all there, once, and filtered by name. */
class JvmCollectorsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    JvmCollectorsTest() {
        registry.register(new JvmCollectors(PrometheusProperties.builder().build()));
    }

    @Test
    void theFirstScrapeHasTheJvmAndProcessMetrics() {
        List<String> names = names(registry.scrape());
        for (String expected : new String[] {"jvm_threads_current", "jvm_memory_used_bytes", "jvm_gc_collection_seconds",
                "jvm_classes_currently_loaded", "jvm_runtime", "process_cpu_seconds"}) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        assertEquals(names, names(registry.scrape()), "the second scrape shows the same metrics, registered once");
    }

    @Test
    void aScrapeForOneNameGetsOnlyThatOne() {
        List<String> names = names(registry.scrape(name -> name.equals("jvm_threads_current")));
        assertEquals(Collections.singletonList("jvm_threads_current"), names);
    }

    private static List<String> names(MetricSnapshots snapshots) {
        List<String> names = new ArrayList<String>();
        for (MetricSnapshot snapshot : snapshots) {
            names.add(snapshot.getMetadata().getPrometheusName());
        }
        return names;
    }
}
