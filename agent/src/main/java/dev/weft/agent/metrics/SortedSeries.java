package dev.weft.agent.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;

/**
 * What Weft's own collectors ({@link ClassicHistogram}, {@link AdderGauge}) do alike when a series is
 * created: its labels built once, empty values left out (as {@link WithoutEmptyLabels} does for the
 * client's metrics), and the series kept in label order in an array that is replaced, never changed,
 * so that a scrape reads it without a lock and the snapshot's sort is a single pass.
 */
final class SortedSeries {

    private SortedSeries() {
    }

    /** The labels of {@code values} (in the order of {@code names}), without the empty ones. */
    static Labels labels(String[] names, String[] values) {
        int empty = 0;
        for (String v : values) {
            if (v.isEmpty()) {
                empty++;
            }
        }
        String[] keptNames = new String[values.length - empty];
        String[] kept = new String[keptNames.length];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                keptNames[j] = names[i];
                kept[j++] = values[i];
            }
        }
        return Labels.of(keptNames, kept);
    }

    /** A copy of {@code sorted} with {@code series} in its place. */
    static <T extends Comparable<? super T>> T[] inserted(T[] sorted, T series) {
        int at = Arrays.binarySearch(sorted, series);
        at = at < 0 ? -at - 1 : at;
        T[] grown = Arrays.copyOf(sorted, sorted.length + 1);
        System.arraycopy(sorted, at, grown, at + 1, sorted.length - at);
        grown[at] = series;
        return grown;
    }
}
