package dev.weft.agent.metrics;

/**
 * One label set of a duration or size histogram, as the recorders observe it:
 *
 * <pre>{@code
 * HistogramPoint p = histogram.labelValues("GET", "/users/{id}", "200", "");   // once per label set
 * p.observe(elapsedNanos);                                                     // per request
 * }</pre>
 *
 * <p>Values are whole units of the histogram ({@link HistogramFamily#NANOSECONDS} for durations,
 * exposed in seconds; {@link HistogramFamily#UNITS} for sizes, bytes as they are), so the recorders
 * pass the {@code System.nanoTime()} difference or the byte count without converting it.
 */
interface HistogramPoint {

    void observe(long value);
}
