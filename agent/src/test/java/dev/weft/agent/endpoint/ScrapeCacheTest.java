package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renderings shared under a flood, fresh pages at a scraper's pace, counted by a collector that sees every rendering. */
class ScrapeCacheTest {

    private final AtomicInteger renderings = new AtomicInteger();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        Metrics metrics = new Metrics(Config.defaults(), "test", new InstrumentationStats());
        metrics.registry().register(() -> GaugeSnapshot.builder().name("renderings")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(renderings.incrementAndGet()).build())
                .build());
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics);
    }

    @AfterEach
    void stop() throws IOException {
        endpoint.stop();
    }

    private String scrape(String headers) throws IOException {
        return RawHttp.exchange(endpoint.port(), "GET /metrics HTTP/1.1\r\n" + headers + "\r\n");
    }

    @Test
    void aScraperAtItsOwnPaceAlwaysGetsAFreshPage() throws IOException {
        for (int i = 1; i <= 8; i++) {
            String page = scrape("");
            assertTrue(page.contains("\nrenderings " + i + ".0\n") || page.contains("\nrenderings " + i + "\n"),
                    "rendering " + i + ":\n" + page);
        }
    }

    /** Past the burst a fast scraper waits for its rendering: never a page rendered before it asked. */
    @Test
    void aFastScraperPastTheRateWaitsForAFreshPage() throws IOException {
        for (int i = 1; i <= 25; i++) {
            String page = scrape("");
            assertTrue(page.contains("\nrenderings " + i + ".0\n") || page.contains("\nrenderings " + i + "\n"),
                    "rendering " + i + ":\n" + page);
        }
    }

    @Test
    void aFloodSharesRenderingsAndEachFormatHasItsOwnPage() throws Exception {
        int before = renderings.get();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        for (int t = 0; t < 20; t++) {
            Thread thread = new Thread(() -> {
                try (RawHttp c = new RawHttp(endpoint.port())) {
                    for (int i = 0; i < 25; i++) {
                        if (c.send("GET /metrics HTTP/1.1\r\n\r\n").response().contains("\nrenderings ")) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int rendered = renderings.get() - before;
        assertEquals(500, ok.get());
        // a burst of 10, then 10 a second over however long the flood took
        assertTrue(rendered <= 10 + 10 * seconds + 1, rendered + " renderings for 500 scrapes in " + seconds + " s");
        String openMetrics = scrape("Accept: application/openmetrics-text; version=1.0.0\r\n");
        assertTrue(openMetrics.contains("# EOF"), "another format is rendered for itself, not served the text page");
    }
}
