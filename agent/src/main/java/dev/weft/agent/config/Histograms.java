package dev.weft.agent.config;

/**
 * What the duration and size histograms keep ({@code WEFT_HISTOGRAMS}): the classic buckets every
 * Prometheus reads, a native (exponential) histogram that a Prometheus scraping protobuf reads, or
 * both, the Prometheus Java client's default. Text formats carry only the classic buckets, so
 * {@link #NATIVE} leaves a text scrape with the count and sum alone.
 */
public enum Histograms {
    CLASSIC, NATIVE, BOTH
}
