package dev.weft.agent.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The most label sets one metric may hold ({@code WEFT_MAX_SERIES}), and the count of the label sets
 * it refused ({@code weft_series_dropped_total{metric="..."}}).
 *
 * <pre>{@code
 * SeriesBudget budget = new SeriesBudget(2000, health.seriesDropped().labelValues("http_client_request_duration_seconds"));
 * if (budget.tryReserve()) {
 *     ... create the data point for the new label set and keep it ...
 * } else {
 *     budget.refused(fingerprint);   // then record into the metric's overflow series
 * }
 * }</pre>
 *
 * One series of the budget is kept for the metric's overflow series, so a scrape never shows more
 * than {@code max} label sets for the metric. A reservation is never returned: series live as long as the registry, so memory is bounded by the
 * budget whatever the traffic. The dropped counter counts refused label sets, not requests (the
 * overflow series' own count gives the requests): a refused set is counted the first time it is
 * seen while it is remembered in a fixed table of {@value #REMEMBERED} fingerprints (32 KiB); one
 * pushed out of the table by many others and seen again is counted again, so under a flood of new
 * label sets the figure can run high, never low. Callers pick the fingerprint, a 64-bit hash of the
 * label values ({@link #mix}) computed without allocating.
 */
public final class SeriesBudget {

    static final int REMEMBERED = 4096;

    private final int max;
    private final AtomicInteger used = new AtomicInteger();
    private final CounterDataPoint dropped;
    /** Direct-mapped: a fingerprint lives in the slot its low bits name; 0 is an empty slot. */
    private final AtomicLongArray refused = new AtomicLongArray(REMEMBERED);

    /** @param max series the metric may hold, its overflow series included (at least 1) */
    public SeriesBudget(int max, CounterDataPoint dropped) {
        this.max = max - 1;
        this.dropped = dropped;
    }

    /** Takes one series from the budget; false when only the overflow series's place is left. */
    public boolean tryReserve() {
        for (;;) {
            int n = used.get();
            if (n >= max) {
                return false;
            }
            if (used.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Whether the budget is spent, for callers that can skip building a label set when it is. */
    public boolean isSpent() {
        return used.get() >= max;
    }

    /** Notes that the label set with this fingerprint was folded into the overflow series. */
    public void refused(long fingerprint) {
        long f = fingerprint == 0 ? 1 : fingerprint;
        int slot = (int) (f ^ (f >>> 32)) & (REMEMBERED - 1);
        long previous = refused.get(slot);
        if (previous != f && refused.compareAndSet(slot, previous, f)) {
            dropped.inc();
        }
    }

    /** The starting value of a fingerprint; fold each label value in with {@link #mix}. */
    public static final long SEED = 0x9E3779B97F4A7C15L;

    /**
     * Folds one label value's hash into a fingerprint (Strings cache their hash codes, so this
     * allocates nothing): {@code mix(mix(SEED, route.hashCode()), status)}.
     */
    public static long mix(long fingerprint, int hash) {
        long h = (fingerprint ^ hash) * 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
