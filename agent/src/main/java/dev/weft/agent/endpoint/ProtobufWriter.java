package dev.weft.agent.endpoint;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SnapshotEscaper;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Prometheus protobuf exposition: length-delimited {@code io.prometheus.client.MetricFamily}
 * messages ({@code prometheus/client_model} {@code metrics.proto}), the one format that carries
 * native histograms to a Prometheus 2.x:
 *
 * <pre>
 * varint(length) MetricFamily{1: name, 2: help, 3: type, 4: Metric{1: LabelPair{1: name, 2: value}...,
 *                                                               3: Counter | 7: Histogram ...}...}
 * varint(length) MetricFamily{...}
 * </pre>
 *
 * <p>Why our own writer: the client's ({@code prometheus-metrics-exposition-formats}) brings the
 * protobuf runtime, 2 MB shaded, for a schema of a dozen small messages that only ever needs
 * writing; this class is the wire format of those messages and nothing else. Fields go out in
 * field-number order, as protobuf's own serializers write them, so the bytes match the client's
 * writer for the same snapshot (a unit test holds the two side by side).
 *
 * <p>Created timestamps are written when {@code createdTimestamps} is on (counters, histograms and
 * summaries), exemplars whenever a data point has them.
 */
final class ProtobufWriter implements ExpositionFormatWriter {

    // metrics.proto MetricType
    private static final int COUNTER = 0;
    private static final int GAUGE = 1;
    private static final int SUMMARY = 2;
    private static final int UNTYPED = 3;
    private static final int HISTOGRAM = 4;
    private static final int GAUGE_HISTOGRAM = 5;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH = 2;

    private final boolean createdTimestamps;
    /**
     * The family buffer of the last scrape, for the next: grown once to the largest family (a
     * 2,000-series histogram is about 0.7 MB) instead of doubled up to it at every scrape.
     */
    private final AtomicReference<Buffer> spare = new AtomicReference<Buffer>();

    ProtobufWriter(boolean createdTimestamps) {
        this.createdTimestamps = createdTimestamps;
    }

    @Override
    public boolean accepts(String acceptHeader) {
        // negotiation is ours (Negotiation); the interface asks anyway
        return acceptHeader != null && acceptHeader.contains("application/vnd.google.protobuf");
    }

    @Override
    public String getContentType() {
        return Format.PROMETHEUS_PROTOBUF.contentType;
    }

    @Override
    public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme escaping) throws IOException {
        Buffer family = spare.getAndSet(null);
        if (family == null) {
            family = new Buffer(4096);
        }
        byte[] prefix = new byte[5];
        for (MetricSnapshot s : snapshots) {
            MetricSnapshot snapshot = SnapshotEscaper.escapeMetricSnapshot(s, escaping);
            if (snapshot.getDataPoints().isEmpty()) {
                continue;
            }
            family.reset();
            family(family, snapshot, escaping);
            int n = varint(prefix, family.size);
            out.write(prefix, 0, n);
            out.write(family.bytes, 0, family.size);
        }
        spare.set(family);
    }

    /**
     * For {@code ?debug=prometheus-protobuf}: the messages as protobuf's text format prints them,
     * decoded from the bytes {@link #write} produces, so what a person reads is what Prometheus gets.
     */
    @Override
    public String toDebugString(MetricSnapshots snapshots, EscapingScheme escaping) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            write(bytes, snapshots, escaping);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return ProtobufText.print(bytes.toByteArray());
    }

    private void family(Buffer b, MetricSnapshot snapshot, EscapingScheme escaping) {
        String name = SnapshotEscaper.getMetadataName(snapshot.getMetadata(), escaping);
        String help = snapshot.getMetadata().getHelp();
        int type;
        if (snapshot instanceof CounterSnapshot) {
            name += "_total";
            type = COUNTER;
        } else if (snapshot instanceof GaugeSnapshot || snapshot instanceof StateSetSnapshot) {
            type = GAUGE;
        } else if (snapshot instanceof HistogramSnapshot) {
            type = ((HistogramSnapshot) snapshot).isGaugeHistogram() ? GAUGE_HISTOGRAM : HISTOGRAM;
        } else if (snapshot instanceof SummarySnapshot) {
            type = SUMMARY;
        } else if (snapshot instanceof InfoSnapshot) {
            name += "_info";
            type = GAUGE;
        } else {
            type = UNTYPED;
        }
        b.string(1, name);
        if (help != null) {
            b.string(2, help);
        }
        b.varintField(3, type);
        if (snapshot instanceof CounterSnapshot) {
            for (CounterSnapshot.CounterDataPointSnapshot d : ((CounterSnapshot) snapshot).getDataPoints()) {
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                int c = b.begin(3);
                b.doubleField(1, d.getValue());
                if (d.getExemplar() != null) {
                    exemplar(b, 2, d.getExemplar());
                }
                created(b, 3, d);
                b.end(c);
                scrapeTimestamp(b, d);
                b.end(m);
            }
        } else if (snapshot instanceof GaugeSnapshot) {
            for (GaugeSnapshot.GaugeDataPointSnapshot d : ((GaugeSnapshot) snapshot).getDataPoints()) {
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                gauge(b, d.getValue());
                scrapeTimestamp(b, d);
                b.end(m);
            }
        } else if (snapshot instanceof HistogramSnapshot) {
            for (HistogramSnapshot.HistogramDataPointSnapshot d : ((HistogramSnapshot) snapshot).getDataPoints()) {
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                scrapeTimestamp(b, d);
                histogram(b, d);
                b.end(m);
            }
        } else if (snapshot instanceof SummarySnapshot) {
            for (SummarySnapshot.SummaryDataPointSnapshot d : ((SummarySnapshot) snapshot).getDataPoints()) {
                if (!d.hasCount() && !d.hasSum() && d.getQuantiles().size() == 0) {
                    continue;
                }
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                int s = b.begin(4);
                if (d.hasCount()) {
                    b.varintField(1, d.getCount());
                }
                if (d.hasSum()) {
                    b.doubleField(2, d.getSum());
                }
                Quantiles quantiles = d.getQuantiles();
                for (int i = 0; i < quantiles.size(); i++) {
                    int q = b.begin(3);
                    b.doubleField(1, quantiles.get(i).getQuantile());
                    b.doubleField(2, quantiles.get(i).getValue());
                    b.end(q);
                }
                created(b, 4, d);
                b.end(s);
                scrapeTimestamp(b, d);
                b.end(m);
            }
        } else if (snapshot instanceof InfoSnapshot) {
            for (InfoSnapshot.InfoDataPointSnapshot d : ((InfoSnapshot) snapshot).getDataPoints()) {
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                gauge(b, 1);
                scrapeTimestamp(b, d);
                b.end(m);
            }
        } else if (snapshot instanceof StateSetSnapshot) {
            String stateLabel = SnapshotEscaper.getMetadataName(snapshot.getMetadata(), escaping);
            for (StateSetSnapshot.StateSetDataPointSnapshot d : ((StateSetSnapshot) snapshot).getDataPoints()) {
                for (int i = 0; i < d.size(); i++) {
                    int m = b.begin(4);
                    labels(b, 1, d.getLabels(), escaping);
                    labelPair(b, 1, stateLabel, d.getName(i));
                    gauge(b, d.isTrue(i) ? 1 : 0);
                    scrapeTimestamp(b, d);
                    b.end(m);
                }
            }
        } else if (snapshot instanceof UnknownSnapshot) {
            for (UnknownSnapshot.UnknownDataPointSnapshot d : ((UnknownSnapshot) snapshot).getDataPoints()) {
                int m = b.begin(4);
                labels(b, 1, d.getLabels(), escaping);
                int u = b.begin(5);
                b.doubleField(1, d.getValue());
                b.end(u);
                b.end(m);
            }
        }
    }

    private static void gauge(Buffer b, double value) {
        int g = b.begin(2);
        b.doubleField(1, value);
        b.end(g);
    }

    /** Histogram fields in number order: 1 count, 2 sum, 3 buckets, 5-14 native, 15 created, 16 exemplars. */
    private void histogram(Buffer b, HistogramSnapshot.HistogramDataPointSnapshot d) {
        int h = b.begin(7);
        if (d.hasCount()) {
            b.varintField(1, d.getCount());
        }
        if (d.hasSum()) {
            b.doubleField(2, d.getSum());
        }
        if (d.hasClassicHistogramData()) {
            ClassicHistogramBuckets buckets = d.getClassicBuckets();
            double lower = Double.NEGATIVE_INFINITY;
            long cumulative = 0;
            for (int i = 0; i < buckets.size(); i++) {
                cumulative += buckets.getCount(i);
                double upper = buckets.getUpperBound(i);
                int k = b.begin(3);
                b.varintField(1, cumulative);
                b.doubleField(2, upper);
                Exemplar e = d.getExemplars().get(lower, upper);
                if (e != null) {
                    exemplar(b, 3, e);
                }
                b.end(k);
                lower = upper;
            }
        } else if (d.hasNativeHistogramData() && d.getExemplars().getLatest() != null) {
            // native only: Prometheus reads exemplars from buckets, so one +Inf bucket carries it
            int k = b.begin(3);
            b.varintField(1, nativeCount(d));
            b.doubleField(2, Double.POSITIVE_INFINITY);
            exemplar(b, 3, d.getExemplars().getLatest());
            b.end(k);
        }
        if (d.hasNativeHistogramData()) {
            b.tag(5, VARINT);
            b.varint(zigzag(d.getNativeSchema()));
            b.doubleField(6, d.getNativeZeroThreshold());
            b.varintField(7, d.getNativeZeroCount());
            nativeBuckets(b, 9, 10, d.getNativeBucketsForNegativeValues());
            nativeBuckets(b, 12, 13, d.getNativeBucketsForPositiveValues());
        }
        created(b, 15, d);
        b.end(h);
    }

    private static long nativeCount(HistogramSnapshot.HistogramDataPointSnapshot d) {
        if (d.hasCount()) {
            return d.getCount();
        }
        long count = d.getNativeZeroCount();
        for (int i = 0; i < d.getNativeBucketsForPositiveValues().size(); i++) {
            count += d.getNativeBucketsForPositiveValues().getCount(i);
        }
        for (int i = 0; i < d.getNativeBucketsForNegativeValues().size(); i++) {
            count += d.getNativeBucketsForNegativeValues().getCount(i);
        }
        return count;
    }

    /**
     * Sparse buckets as spans and deltas: a span is a run of consecutive bucket indexes (its offset
     * counts from the end of the previous span); a gap of one or two empty buckets is cheaper as
     * zero deltas inside the span than as a new span. Each delta is the count minus the previous one.
     * All spans are written first (field {@code spanField}), then all deltas ({@code deltaField}).
     */
    private static void nativeBuckets(Buffer b, int spanField, int deltaField, NativeHistogramBuckets buckets) {
        int n = buckets.size();
        if (n == 0) {
            return;
        }
        // pass 1: spans
        int offset = buckets.getBucketIndex(0);
        int length = 0;
        int previous = offset;
        for (int i = 0; i < n; i++) {
            int index = buckets.getBucketIndex(i);
            if (index > previous + 1) {
                if (index <= previous + 3) {
                    length += index - previous - 1;
                } else {
                    span(b, spanField, offset, length);
                    offset = index - (previous + 1);
                    length = 0;
                }
            }
            length++;
            previous = index;
        }
        span(b, spanField, offset, length);
        // pass 2: deltas, with the zeros of the gaps kept inside spans
        long previousCount = 0;
        previous = buckets.getBucketIndex(0);
        for (int i = 0; i < n; i++) {
            int index = buckets.getBucketIndex(i);
            if (index > previous + 1 && index <= previous + 3) {
                for (int gap = previous + 1; gap < index; gap++) {
                    b.tag(deltaField, VARINT);
                    b.varint(zigzag(-previousCount));
                    previousCount = 0;
                }
            }
            long count = buckets.getCount(i);
            b.tag(deltaField, VARINT);
            b.varint(zigzag(count - previousCount));
            previousCount = count;
            previous = index;
        }
    }

    private static void span(Buffer b, int field, int offset, int length) {
        int s = b.begin(field);
        b.tag(1, VARINT);
        b.varint(zigzag(offset));
        b.varintField(2, length);
        b.end(s);
    }

    private void created(Buffer b, int field, DataPointSnapshot d) {
        if (createdTimestamps && d.hasCreatedTimestamp()) {
            timestamp(b, field, d.getCreatedTimestampMillis());
        }
    }

    private static void scrapeTimestamp(Buffer b, DataPointSnapshot d) {
        if (d.hasScrapeTimestamp()) {
            b.varintField(6, d.getScrapeTimestampMillis());
        }
    }

    private static void exemplar(Buffer b, int field, Exemplar e) {
        int x = b.begin(field);
        // trace_id and span_id: the same in every escaping
        labels(b, 1, e.getLabels(), EscapingScheme.UNDERSCORE_ESCAPING);
        b.doubleField(2, e.getValue());
        if (e.hasTimestamp()) {
            timestamp(b, 3, e.getTimestampMillis());
        }
        b.end(x);
    }

    /** google.protobuf.Timestamp{1: seconds, 2: nanos}. */
    private static void timestamp(Buffer b, int field, long millis) {
        int t = b.begin(field);
        b.varintField(1, Math.floorDiv(millis, 1000L));
        b.varintField(2, Math.floorMod(millis, 1000L) * 1_000_000L);
        b.end(t);
    }

    private static void labels(Buffer b, int field, Labels labels, EscapingScheme escaping) {
        for (int i = 0; i < labels.size(); i++) {
            labelPair(b, field, SnapshotEscaper.getSnapshotLabelName(labels, i, escaping), labels.getValue(i));
        }
    }

    private static void labelPair(Buffer b, int field, String name, String value) {
        int l = b.begin(field);
        b.string(1, name);
        b.string(2, value);
        b.end(l);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static int varint(byte[] into, long v) {
        int n = 0;
        while ((v & ~0x7FL) != 0) {
            into[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        into[n++] = (byte) v;
        return n;
    }

    /**
     * A growable byte array with nested messages: {@link #begin} writes the tag and reserves one
     * byte for the length, {@link #end} fills it in, moving the message up when its length needs
     * more than one byte (messages of 128 bytes or more: a metric, rarely a label pair).
     */
    static final class Buffer {
        byte[] bytes;
        int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void reset() {
            size = 0;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void tag(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void varintField(int field, long v) {
            tag(field, VARINT);
            varint(v);
        }

        void doubleField(int field, double value) {
            tag(field, FIXED64);
            ensure(8);
            long v = Double.doubleToRawLongBits(value);
            for (int i = 0; i < 8; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }

        void string(int field, String s) {
            tag(field, LENGTH);
            int n = s.length();
            if (n < 128) {
                // names and most label values: ASCII, one byte a character, written in place
                ensure(n + 1);
                int at = size + 1;
                for (int i = 0; i < n; i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        at = -1;
                        break;
                    }
                    bytes[at++] = (byte) c;
                }
                if (at >= 0) {
                    bytes[size] = (byte) n;
                    size = at;
                    return;
                }
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        /** Starts a nested message; returns the position {@link #end} needs. */
        int begin(int field) {
            tag(field, LENGTH);
            ensure(1);
            size++;
            return size;
        }

        void end(int start) {
            int length = size - start;
            int extra = length < 1 << 7 ? 0 : length < 1 << 14 ? 1 : length < 1 << 21 ? 2 : length < 1 << 28 ? 3 : 4;
            if (extra > 0) {
                ensure(extra);
                System.arraycopy(bytes, start, bytes, start + extra, length);
                size += extra;
            }
            int at = start - 1;
            long v = length;
            while ((v & ~0x7FL) != 0) {
                bytes[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[at] = (byte) v;
        }
    }
}
