package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The in-flight gauges: values read at each scrape, snapshots handed out again while nothing changed. */
class AdderGaugeTest {

    @Test
    void aScrapeReadsEachSeriesAndReusesTheSnapshotOfAnUnchangedFamilyOrSeries() {
        AdderGauge gauge = new AdderGauge(new MetricMetadata("active_requests", "In flight"),
                new String[] {"server_address", "server_port"});
        LongAdder a = gauge.series("a.example", "443");
        LongAdder b = gauge.series("b.example", "443");
        a.increment();
        GaugeSnapshot first = gauge.collect();
        assertSame(first, gauge.collect());
        assertEquals(1.0, first.getDataPoints().get(0).getValue());
        assertEquals(0.0, first.getDataPoints().get(1).getValue());

        b.add(2);
        GaugeSnapshot second = gauge.collect();
        assertNotSame(first, second);
        assertSame(first.getDataPoints().get(0), second.getDataPoints().get(0));
        assertEquals(2.0, second.getDataPoints().get(1).getValue());

        LongAdder c = gauge.series("c.example", "80");
        GaugeSnapshot third = gauge.collect();
        assertEquals(3, third.getDataPoints().size());
        assertEquals("c.example", third.getDataPoints().get(2).getLabels().get("server_address"));
        c.increment();
        c.decrement();
        assertSame(third, gauge.collect(), "back to the value read before: nothing to write anew");
    }
}
