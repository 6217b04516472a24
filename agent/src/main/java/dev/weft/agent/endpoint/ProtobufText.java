package dev.weft.agent.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints delimited {@code MetricFamily} bytes in protobuf's text format, for people
 * ({@code ?debug=prometheus-protobuf}) and for tests that check what {@link ProtobufWriter} wrote:
 *
 * <pre>
 * name: "http_server_request_duration_seconds"
 * type: HISTOGRAM
 * metric {
 *   label { name: "http_route" value: "/hello" }
 *   histogram { sample_count: 3 schema: 5 positive_span { offset: -210 length: 1 } positive_delta: 3 ... }
 * }
 * </pre>
 *
 * <p>The schema below is {@code metrics.proto} of {@code prometheus/client_model}: per message,
 * field number, name and kind ({@code s} string, {@code d} double, {@code u} unsigned varint,
 * {@code z} zigzag varint, {@code e} MetricType, {@code i} signed varint, else a message name).
 */
final class ProtobufText {

    private static final Map<String, String[]> SCHEMA = new HashMap<String, String[]>();
    private static final String[] METRIC_TYPES = {"COUNTER", "GAUGE", "SUMMARY", "UNTYPED", "HISTOGRAM", "GAUGE_HISTOGRAM"};

    static {
        schema("MetricFamily", "1 name s", "2 help s", "3 type e", "4 metric Metric", "5 unit s");
        schema("Metric", "1 label LabelPair", "2 gauge Value", "3 counter Counter", "4 summary Summary",
                "5 untyped Value", "6 timestamp_ms i", "7 histogram Histogram");
        schema("LabelPair", "1 name s", "2 value s");
        schema("Value", "1 value d");
        schema("Counter", "1 value d", "2 exemplar Exemplar", "3 created_timestamp Timestamp");
        schema("Quantile", "1 quantile d", "2 value d");
        schema("Summary", "1 sample_count u", "2 sample_sum d", "3 quantile Quantile", "4 created_timestamp Timestamp");
        schema("Histogram", "1 sample_count u", "2 sample_sum d", "3 bucket Bucket", "4 sample_count_float d",
                "5 schema z", "6 zero_threshold d", "7 zero_count u", "8 zero_count_float d",
                "9 negative_span BucketSpan", "10 negative_delta z", "11 negative_count d",
                "12 positive_span BucketSpan", "13 positive_delta z", "14 positive_count d",
                "15 created_timestamp Timestamp", "16 exemplars Exemplar");
        schema("Bucket", "1 cumulative_count u", "2 upper_bound d", "3 exemplar Exemplar", "4 cumulative_count_float d");
        schema("BucketSpan", "1 offset z", "2 length u");
        schema("Exemplar", "1 label LabelPair", "2 value d", "3 timestamp Timestamp");
        schema("Timestamp", "1 seconds i", "2 nanos i");
    }

    private static void schema(String message, String... fields) {
        String[] byNumber = new String[17];
        for (String f : fields) {
            int space = f.indexOf(' ');
            byNumber[Integer.parseInt(f.substring(0, space))] = f.substring(space + 1);
        }
        SCHEMA.put(message, byNumber);
    }

    private final byte[] bytes;
    private int pos;
    private final StringBuilder out = new StringBuilder();

    private ProtobufText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Each family, then a blank line; malformed input ends the output with a note instead of throwing. */
    static String print(byte[] delimited) {
        ProtobufText p = new ProtobufText(delimited);
        try {
            while (p.pos < delimited.length) {
                int length = (int) p.varint();
                p.message("MetricFamily", p.pos + length, 0);
                p.out.append('\n');
            }
        } catch (RuntimeException e) {
            p.out.append("# malformed at byte ").append(p.pos).append('\n');
        }
        return p.out.toString();
    }

    private void message(String type, int end, int depth) {
        String[] fields = SCHEMA.get(type);
        while (pos < end) {
            long key = varint();
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            String spec = number < fields.length ? fields[number] : null;
            String name = spec == null ? Integer.toString(number) : spec.substring(0, spec.indexOf(' '));
            String kind = spec == null ? "?" : spec.substring(spec.indexOf(' ') + 1);
            indent(depth).append(name);
            if (wire == 0) {
                long v = varint();
                out.append(": ");
                if (kind.equals("z")) {
                    out.append((v >>> 1) ^ -(v & 1));
                } else if (kind.equals("e") && v >= 0 && v < METRIC_TYPES.length) {
                    out.append(METRIC_TYPES[(int) v]);
                } else if (kind.equals("u")) {
                    out.append(Long.toUnsignedString(v));
                } else {
                    out.append(v);
                }
            } else if (wire == 1) {
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    v |= (bytes[pos++] & 0xFFL) << (8 * i);
                }
                double d = Double.longBitsToDouble(v);
                out.append(": ").append(Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d));
            } else if (wire == 2) {
                int length = (int) varint();
                if (SCHEMA.containsKey(kind)) {
                    out.append(" {\n");
                    message(kind, pos + length, depth + 1);
                    indent(depth).append('}');
                } else {
                    out.append(": \"").append(escape(new String(bytes, pos, length, StandardCharsets.UTF_8))).append('"');
                    pos += length;
                }
            } else {
                throw new IllegalStateException("wire type " + wire);
            }
            out.append('\n');
        }
        if (pos != end) {
            throw new IllegalStateException("message overruns its length");
        }
    }

    private StringBuilder indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint too long");
    }
}
