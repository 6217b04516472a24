package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.metrics.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring, the window and the bounded set of followed keys, with times chosen by the test. */
class TrafficHistoryTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final Metrics metrics = Traffic.metrics();

    private TrafficHistory history(int maxKeys, int capacity) {
        return new TrafficHistory(metrics.durationBounds(), metrics.server()::readDurations, maxKeys, capacity, T0);
    }

    private static Window.Row row(Window w, String key) {
        for (Window.Row r : w.rows) {
            if (r.key.equals(key)) {
                return r;
            }
        }
        return null;
    }

    private static List<String> keys(Window w) {
        List<String> keys = new ArrayList<String>();
        for (Window.Row r : w.rows) {
            keys.add(r.key);
        }
        return keys;
    }

    @Test
    void theWindowCountsClosedIntervalsAndTheRunningOne() {
        TrafficHistory history = history(50, 90);
        Traffic.served(metrics, "GET", "/hello", 200, 150, 10);
        Traffic.served(metrics, "GET", "/hello", 503, 150, 2);
        history.tick(T0 + 10 * S);
        Traffic.served(metrics, "GET", "/hello", 200, 600, 8);
        Window w = history.window(T0 + 20 * S);

        Window.Row hello = row(w, "/hello");
        assertEquals(20, hello.requests, "12 in the closed interval, 8 since");
        assertEquals(2, hello.errors);
        assertEquals(20.0, w.seconds, 1e-9);
        assertEquals(1.0, w.rate(hello), 1e-9);
        assertEquals(0.1, hello.errorRatio(), 1e-9);
        // 12 in (0.1, 0.25], 8 in (0.5, 0.75]: rank 10 of 20 is in the first, rank 19 in the second
        assertEquals(0.1 + 0.15 * 10 / 12, hello.quantile(0.5), 1e-9);
        assertEquals(0.5 + 0.25 * 7 / 8, hello.quantile(0.95), 1e-9);

        assertEquals(90, hello.rates.length);
        assertEquals(1.2, hello.rates[89], 1e-9, "12 requests over the closed 10 s");
        assertEquals(0.2, hello.errorRates[89], 1e-9);
        assertTrue(Double.isNaN(hello.rates[88]), "no interval there yet");
        assertEquals(0.1 + 0.15 * (0.95 * 12) / 12, hello.p95s[89], 1e-9, "the closed interval's own p95");
    }

    @Test
    void busiestFirstAndIdleIntervalsAreZeroNotMissing() {
        TrafficHistory history = history(50, 90);
        Traffic.served(metrics, "GET", "/a", 200, 150, 1);
        Traffic.served(metrics, "GET", "/b", 200, 150, 3);
        history.tick(T0 + 10 * S);
        history.tick(T0 + 20 * S);
        Window w = history.window(T0 + 25 * S);
        assertEquals("[/b, /a]", keys(w).toString());
        assertEquals(0.0, row(w, "/b").rates[89], "idle in the last interval");
        assertEquals(0.3, row(w, "/b").rates[88], 1e-9);
        assertTrue(Double.isNaN(row(w, "/b").p95s[89]), "no requests, no percentile");
    }

    @Test
    void intervalsPastTheCapacityLeaveTheWindow() {
        TrafficHistory history = history(50, 3);
        Traffic.served(metrics, "GET", "/early", 200, 150, 5);
        history.tick(T0 + 10 * S);
        Traffic.served(metrics, "GET", "/late", 200, 150, 1);
        history.tick(T0 + 20 * S);
        history.tick(T0 + 30 * S);
        assertEquals("[/early, /late]", keys(history.window(T0 + 35 * S)).toString());
        history.tick(T0 + 40 * S);
        Window w = history.window(T0 + 45 * S);
        assertEquals("[/late]", keys(w).toString(), "the interval of /early is gone");
        assertEquals(35.0, w.seconds, 1e-9, "from the oldest interval kept, at 10 s, to now");
    }

    @Test
    void atMostMaxKeysAreFollowedAndTheRestIsCountedAsATotal() {
        TrafficHistory history = history(2, 2);
        Traffic.served(metrics, "GET", "/a", 200, 150, 1);
        Traffic.served(metrics, "GET", "/b", 200, 150, 1);
        history.tick(T0 + 10 * S);
        Traffic.served(metrics, "GET", "/c", 200, 150, 4);
        Window running = history.window(T0 + 15 * S);
        assertEquals("[/a, /b]", keys(running).toString());
        assertEquals(4, running.unfollowedRequests);
        history.tick(T0 + 20 * S);
        Window w = history.window(T0 + 25 * S);
        assertEquals(2, w.rows.size());
        assertEquals(4, w.unfollowedRequests);
        // /a and /b leave the ring: /c, busy again, takes a place
        history.tick(T0 + 30 * S);
        Traffic.served(metrics, "GET", "/c", 200, 150, 2);
        history.tick(T0 + 40 * S);
        Window later = history.window(T0 + 45 * S);
        assertEquals("[/c]", keys(later).toString());
        assertEquals(2, row(later, "/c").requests, "followed from its first interval with room");
        assertEquals(0, later.unfollowedRequests);
    }
}
