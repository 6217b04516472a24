package dev.weft.agent.page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last minutes of one duration histogram (the server's routes, or the client's targets), as a
 * ring of {@link Interval}s that {@link #tick} appends, on the page's own thread, every few seconds:
 *
 * <pre>{@code
 * TrafficHistory routes = new TrafficHistory(bounds, metrics.server()::readDurations, 50, 90, System.nanoTime());
 * routes.tick(System.nanoTime());            // every 10 s: what happened since the previous tick
 * Window w = routes.window(System.nanoTime()); // the ring plus the interval still running, for the page
 * }</pre>
 *
 * <p>Memory is bounded twice: the ring holds {@code capacity} intervals, and at most {@code maxKeys}
 * keys are followed at once. A key is followed from its first request while there is room, and for
 * as long as an interval in the ring has a row for it; requests to keys past that number are counted
 * only as a total. Reading the histogram is a collection of it, as a scrape does, and nothing here
 * runs on a request's thread.
 */
final class TrafficHistory {

    private final double[] bounds;
    private final Totals.Source source;
    private final int maxKeys;
    private final int capacity;
    // all guarded by this: the ticking thread and a rendering worker meet here every few seconds at most
    private Totals last;
    private long lastNanos;
    private final ArrayDeque<Interval> ring = new ArrayDeque<Interval>();
    /** Followed keys, each with the number of intervals in the ring that have its row. */
    private final Map<String, int[]> followed = new HashMap<String, int[]>();

    TrafficHistory(double[] bounds, Totals.Source source, int maxKeys, int capacity, long startNanos) {
        this.bounds = bounds.clone();
        this.source = source;
        this.maxKeys = maxKeys;
        this.capacity = capacity;
        this.last = Totals.empty(this.bounds);
        this.lastNanos = startNanos;
    }

    /** Closes the interval since the previous tick and drops the oldest past the capacity. */
    synchronized void tick(long nowNanos) {
        Totals current = Totals.read(bounds, source);
        Interval interval = Interval.between(last, current, lastNanos, nowNanos, key -> {
            if (followed.containsKey(key)) {
                return true;
            }
            if (followed.size() >= maxKeys) {
                return false;
            }
            followed.put(key, new int[1]);
            return true;
        });
        for (String key : interval.keys()) {
            followed.get(key)[0]++;
        }
        ring.addLast(interval);
        while (ring.size() > capacity) {
            for (String key : ring.removeFirst().keys()) {
                int[] n = followed.get(key);
                if (--n[0] == 0) {
                    followed.remove(key);
                }
            }
        }
        last = current;
        lastNanos = nowNanos;
    }

    /** The ring's intervals and the one running now, summed per key. */
    synchronized Window window(long nowNanos) {
        Totals current = Totals.read(bounds, source);
        final Set<String> room = new HashSet<String>();
        Interval running = Interval.between(last, current, lastNanos, nowNanos,
                key -> followed.containsKey(key) || (followed.size() + room.size() < maxKeys && room.add(key)));
        List<Interval> intervals = new ArrayList<Interval>(ring);
        long start = intervals.isEmpty() ? lastNanos : intervals.get(0).startNanos;
        return new Window(bounds, intervals, running, current, capacity, (nowNanos - start) / 1e9);
    }
}
