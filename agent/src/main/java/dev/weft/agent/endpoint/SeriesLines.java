package dev.weft.agent.endpoint;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lines each histogram series had in the scrape before, kept by one text writer so that a
 * series nothing observed since is copied rather than written again:
 *
 * <pre>{@code
 * SeriesLines.Family kept = seriesLines.family("http_client_request_duration_seconds");
 * if (!kept.copyUnchanged(page, point)) {   // same series, same count, sum and start time?
 *     ...write its lines into `lines`, then the page...
 *     kept.keep(point, lines);
 * }
 * seriesLines.forgetUnwritten();            // after the page: drops the series this scrape did not have
 * }</pre>
 *
 * <p>Why: most series of a large page (one per downstream port, route or status) see no request
 * between two scrapes, and writing their bucket lines (numbers, escaped label values) is most of a
 * text scrape. Bucket counts only grow and the count is their sum, so an unchanged count means
 * unchanged buckets; the sum and the created time are compared too. A series is recognised by its
 * {@link Labels} object, which the agent's histograms build once per series: a snapshot whose labels
 * are new objects each time simply never matches. Lines with exemplars are never kept (the writer
 * writes those each time). What is kept is at most one page's worth of histogram lines per writer.
 *
 * <p>A gzip page is written in blocks of {@value #BLOCK} series, and each block's compressed bytes
 * are kept instead: a block whose series are all the same snapshots as when it was written is
 * spliced into the next gzip page as it is ({@link SplicingGzip}), neither written nor compressed
 * again. A changed block is written and compressed whole, so a gzip page keeps no lines: a scraper
 * that always asks for gzip (Prometheus) costs the compressed page's size in kept memory, not the text's.
 */
final class SeriesLines {

    /**
     * Series per compressed block in a gzip page: about 200 KB of text, beyond deflate's 32 KB window,
     * so a block compresses about as well as the whole page would.
     */
    static final int BLOCK = 64;

    private final Map<String, Family> families = new HashMap<String, Family>();
    private int scrape;

    /** The kept lines of one histogram family, to be written in this scrape. */
    Family family(String name) {
        Family f = families.get(name);
        if (f == null) {
            f = new Family();
            families.put(name, f);
        }
        f.writtenIn = scrape;
        return f;
    }

    /**
     * Ends a scrape: in each family it wrote, forgets the series it did not write. Families a
     * scrape left out (a {@code name[]} filter) keep their lines.
     */
    void forgetUnwritten() {
        for (Family f : families.values()) {
            if (f.writtenIn == scrape) {
                f.forgetAllBut(scrape);
            }
        }
        scrape++;
    }

    final class Family {
        private final IdentityHashMap<Labels, Kept> byLabels = new IdentityHashMap<Labels, Kept>();
        /** Per block of {@link #BLOCK} series, in page order: its points and their compressed lines. */
        private KeptBlock[] blocks = new KeptBlock[0];
        private int writtenIn;

        /**
         * The compressed lines of points {@code from} to {@code to} (one block) if they are the very
         * snapshots that block was written from: the agent's histograms hand out a series' snapshot
         * again while it does not change.
         */
        SplicingGzip.Block unchangedBlock(List<HistogramDataPointSnapshot> points, int from, int to) {
            int index = from / BLOCK;
            KeptBlock block = index < blocks.length ? blocks[index] : null;
            if (block == null || block.points.length != to - from) {
                return null;
            }
            for (int i = from; i < to; i++) {
                if (block.points[i - from] != points.get(i)) {
                    return null;
                }
            }
            block.writtenIn = scrape;
            return block.compressed;
        }

        /** Keeps the compressed lines of points {@code from} to {@code to}, just written as one block. */
        void keepBlock(List<HistogramDataPointSnapshot> points, int from, int to, SplicingGzip.Block compressed) {
            int index = from / BLOCK;
            if (index >= blocks.length) {
                blocks = Arrays.copyOf(blocks, index + 1);
            }
            blocks[index] = new KeptBlock(points.subList(from, to).toArray(new HistogramDataPointSnapshot[0]),
                    compressed, scrape);
        }

        /** Copies the series' kept lines into the page if it did not change; false if they must be written. */
        boolean copyUnchanged(PageBuffer page, HistogramDataPointSnapshot point) {
            Kept kept = byLabels.get(point.getLabels());
            if (kept == null || !kept.describes(point)) {
                return false;
            }
            page.write(kept.lines);
            kept.writtenIn = scrape;
            return true;
        }

        /** Keeps the lines just written for the series (without exemplars). */
        void keep(HistogramDataPointSnapshot point, PageBuffer lines) {
            Kept kept = byLabels.get(point.getLabels());
            if (kept == null) {
                kept = new Kept();
                byLabels.put(point.getLabels(), kept);
            }
            kept.count = point.getCount();
            kept.sumBits = Double.doubleToLongBits(point.getSum());
            kept.created = point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : Long.MIN_VALUE;
            kept.lines = Arrays.copyOf(lines.bytes, lines.size);
            kept.writtenIn = scrape;
        }

        private void forgetAllBut(int current) {
            for (Iterator<Kept> i = byLabels.values().iterator(); i.hasNext(); ) {
                if (i.next().writtenIn != current) {
                    i.remove();
                }
            }
            int used = 0;
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i] != null && blocks[i].writtenIn != current) {
                    blocks[i] = null;
                }
                if (blocks[i] != null) {
                    used = i + 1;
                }
            }
            if (used < blocks.length) {
                blocks = Arrays.copyOf(blocks, used);
            }
        }
    }

    private static final class Kept {
        long count;
        long sumBits;
        long created;
        byte[] lines;
        int writtenIn;

        boolean describes(HistogramDataPointSnapshot point) {
            return point.getCount() == count && Double.doubleToLongBits(point.getSum()) == sumBits
                    && (point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : Long.MIN_VALUE) == created;
        }
    }

    private static final class KeptBlock {
        final HistogramDataPointSnapshot[] points;
        final SplicingGzip.Block compressed;
        int writtenIn;

        KeptBlock(HistogramDataPointSnapshot[] points, SplicingGzip.Block compressed, int writtenIn) {
            this.points = points;
            this.compressed = compressed;
            this.writtenIn = writtenIn;
        }
    }
}
