package dev.weft.agent.metrics;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;

/**
 * Receives a duration histogram series by series, as collected now, without knowing its label
 * names (they change with {@code WEFT_UTF8_NAMES}):
 *
 * <pre>{@code
 * metrics.server().readDurations((route, method, failed, data) -> ...);   // one call per label set
 * metrics.client().readDurations((target, method, failed, data) -> ...);  // target: "host:port"
 * }</pre>
 *
 * For the agent's own live page, which reads the histograms on its own thread every few seconds;
 * nothing on a request's path calls this.
 */
public interface DurationReader {

    /**
     * @param key the route, or the client's {@code host:port}; {@value ServerMetrics#OVERFLOW} for the series
     *            past the budget
     * @param method the request method label
     * @param failed whether the series has an {@code error_type} (the overflow series has none to tell)
     * @param data the series' histogram: classic buckets, native buckets, or both
     */
    void series(String key, String method, boolean failed, HistogramDataPointSnapshot data);
}
