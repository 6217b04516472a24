package dev.weft.agent.page;

/**
 * Percentiles estimated from histogram buckets, the way Prometheus' {@code histogram_quantile} does
 * for classic buckets:
 *
 * <pre>{@code
 * double[] bounds = {0.1, 0.5, 1};           // upper bounds; a last, unbounded bucket follows
 * long[] counts = {10, 30, 0, 0};             // per bucket, not cumulative
 * Quantiles.estimate(0.5, bounds, counts)     // 0.1 + (0.5 - 0.1) * (20 - 10) / 30 = 0.2333...
 * }</pre>
 *
 * <p>The rank {@code q × count} is looked up in the cumulative counts; inside the bucket that holds
 * it, the value is interpolated linearly between the bucket's bounds, the first bucket starting at 0.
 * So the estimate is exact at the bounds and assumes evenly spread values between them. One
 * difference from Prometheus: a rank in the unbounded last bucket gives {@code +Infinity} (the page
 * shows "&gt; the last bound"), where Prometheus answers the last finite bound, a figure that
 * looks measured but is only a floor.
 */
final class Quantiles {

    private Quantiles() {}

    /**
     * @param q between 0 and 1
     * @param bounds finite upper bounds, ascending
     * @param counts one count per bound, then the count above the last bound
     * @return the estimate in the bounds' unit; NaN with no observations; +Infinity above the last bound
     */
    static double estimate(double q, double[] bounds, long[] counts) {
        long total = 0;
        for (int i = 0; i <= bounds.length; i++) {
            total += counts[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < bounds.length; i++) {
            long inBucket = counts[i];
            if (inBucket > 0 && below + inBucket >= rank) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                double upper = bounds[i];
                return lower + (upper - lower) * (rank - below) / inBucket;
            }
            below += inBucket;
        }
        return Double.POSITIVE_INFINITY;
    }
}
