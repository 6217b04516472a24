package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The estimate histogram_quantile gives for classic buckets, worked out by hand. */
class QuantilesTest {

    private static final double[] BOUNDS = {0.1, 0.5, 1};

    @Test
    void interpolatesLinearlyInsideTheBucketThatHoldsTheRank() {
        long[] counts = {10, 30, 0, 0};
        // rank 20 of 40: 10 below, in (0.1, 0.5] holding 30: 0.1 + 0.4 * 10/30
        assertEquals(0.1 + 0.4 * 10 / 30.0, Quantiles.estimate(0.5, BOUNDS, counts), 1e-12);
        // rank 38 of 40: 0.1 + 0.4 * 28/30
        assertEquals(0.1 + 0.4 * 28 / 30.0, Quantiles.estimate(0.95, BOUNDS, counts), 1e-12);
    }

    @Test
    void theFirstBucketStartsAtZero() {
        long[] counts = {4, 0, 0, 0};
        assertEquals(0.05, Quantiles.estimate(0.5, BOUNDS, counts), 1e-12);
        assertEquals(0.1, Quantiles.estimate(1, BOUNDS, counts), 1e-12, "the top of the bucket");
    }

    @Test
    void emptyBucketsAreSkipped() {
        long[] counts = {0, 0, 8, 0};
        // all in (0.5, 1]: rank 4 of 8 is its middle
        assertEquals(0.75, Quantiles.estimate(0.5, BOUNDS, counts), 1e-12);
        long[] split = {5, 0, 5, 0};
        // rank 5 of 10 is the top of the first bucket, not somewhere in the empty one
        assertEquals(0.1, Quantiles.estimate(0.5, BOUNDS, split), 1e-12);
        assertEquals(0.5 + 0.5 * 0.5 / 5, Quantiles.estimate(0.55, BOUNDS, split), 1e-12);
    }

    @Test
    void aRankAboveTheLastBoundIsInfiniteAndNoObservationsIsNaN() {
        assertEquals(Double.POSITIVE_INFINITY, Quantiles.estimate(0.99, BOUNDS, new long[] {90, 0, 0, 10}));
        assertEquals(0.1, Quantiles.estimate(0.9, BOUNDS, new long[] {90, 0, 0, 10}), 1e-12, "rank 90: top of the first");
        assertTrue(Double.isNaN(Quantiles.estimate(0.5, BOUNDS, new long[4])));
    }
}
