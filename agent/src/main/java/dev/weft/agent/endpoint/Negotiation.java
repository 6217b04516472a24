package dev.weft.agent.endpoint;

import io.prometheus.metrics.config.EscapingScheme;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the exposition format for one scrape from its {@code Accept} header (RFC 9110, 12.5.1):
 *
 * <pre>
 * Prometheus 3, native histograms on:
 *   application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,
 *   application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,...,*&#47;*;q=0.1
 *                                          -&gt; PrometheusProto when a protobuf writer is present,
 *                                             else OpenMetricsText1.0.0 with UTF-8 names allowed
 * curl (*&#47;*), a browser, no header     -&gt; PrometheusText0.0.4
 * </pre>
 *
 * <p>Each format gets the weight of the most specific range that matches it (<code>*&#47;*</code>, then
 * <code>type/*</code>, then the full type, then the full type with its version); the highest weight above
 * zero wins, ties go to the more specific match and then to the order of {@link Format}, except that
 * a type without {@code version=} prefers the version Prometheus means by it, and a match by wildcard
 * alone prefers the plain text format, which is what people reading it expect.
 * A format that has no writer here is never chosen, and a header that accepts nothing we write still
 * gets the 0.0.4 text format: RFC 9110 allows that answer instead of 406, and it keeps the scrape.
 */
final class Negotiation {

    /** The chosen format and how names are escaped in it. */
    static final class Choice {
        final Format format;
        final EscapingScheme escaping;

        Choice(Format format, EscapingScheme escaping) {
            this.format = format;
            this.escaping = escaping;
        }

        @Override
        public String toString() {
            return format.protocol + (escaping == EscapingScheme.UNDERSCORE_ESCAPING ? "" : " " + escaping.getValue());
        }
    }

    static final Choice FALLBACK = new Choice(Format.PROMETHEUS_TEXT_0_0_4, EscapingScheme.UNDERSCORE_ESCAPING);

    /** Wildcard ties: what a person who typed the URL wants to read first. */
    private static final Format[] WILDCARD_ORDER = {
        Format.PROMETHEUS_TEXT_0_0_4, Format.OPENMETRICS_1_0_0, Format.OPENMETRICS_0_0_1,
        Format.PROMETHEUS_TEXT_1_0_0, Format.PROMETHEUS_PROTOBUF,
    };

    /** Longer headers are not from a scraper; only this much is read. */
    static final int MAX_RANGES = 64;

    private Negotiation() {}

    /** Never throws: any header, malformed or absent, yields a format from {@code available}. */
    static Choice choose(String accept, Set<Format> available) {
        if (accept == null || accept.trim().isEmpty()) {
            return FALLBACK;
        }
        Format[] formats = Format.values();
        double[] weight = new double[formats.length];
        int[] specificity = new int[formats.length];
        String[] escaping = new String[formats.length];
        java.util.Arrays.fill(specificity, -1);
        String[] ranges = accept.split(",", MAX_RANGES + 1);
        for (int r = 0; r < ranges.length && r < MAX_RANGES; r++) {
            Range range = Range.parse(ranges[r]);
            if (range == null) {
                continue;
            }
            for (Format f : formats) {
                int s = range.match(f);
                if (s < 0) {
                    continue;
                }
                int i = f.ordinal();
                if (s > specificity[i] || (s == specificity[i] && range.q > weight[i])) {
                    specificity[i] = s;
                    weight[i] = range.q;
                    escaping[i] = range.escaping;
                }
            }
        }
        Format best = null;
        for (Format f : formats) {
            int i = f.ordinal();
            if (!available.contains(f) || weight[i] <= 0) {
                continue;
            }
            if (best == null || better(f, weight[i], specificity[i], best, weight[best.ordinal()],
                    specificity[best.ordinal()])) {
                best = f;
            }
        }
        if (best == null) {
            return FALLBACK;
        }
        return new Choice(best, best.utf8Names ? escaping(escaping[best.ordinal()]) : EscapingScheme.UNDERSCORE_ESCAPING);
    }

    private static boolean better(Format f, double q, int s, Format than, double thanQ, int thanS) {
        if (q != thanQ) {
            return q > thanQ;
        }
        if (s != thanS) {
            return s > thanS;
        }
        if (s == Range.FULL_TYPE && f.isDefaultVersion() != than.isDefaultVersion()) {
            return f.isDefaultVersion();
        }
        if (s >= Range.FULL_TYPE) {
            return f.ordinal() < than.ordinal();
        }
        return wildcardRank(f) < wildcardRank(than);
    }

    private static int wildcardRank(Format f) {
        for (int i = 0; i < WILDCARD_ORDER.length; i++) {
            if (WILDCARD_ORDER[i] == f) {
                return i;
            }
        }
        return WILDCARD_ORDER.length;
    }

    /** Names stay in the legacy character set unless the scraper allows more. */
    static EscapingScheme escaping(String value) {
        if (value == null) {
            return EscapingScheme.UNDERSCORE_ESCAPING;
        }
        switch (value) {
            case "allow-utf-8": return EscapingScheme.ALLOW_UTF8;
            case "dots": return EscapingScheme.DOTS_ESCAPING;
            case "values": return EscapingScheme.VALUE_ENCODING_ESCAPING;
            default: return EscapingScheme.UNDERSCORE_ESCAPING;
        }
    }

    /** One media range of an Accept header: {@code type/subtype;param=value;q=0.5}. */
    static final class Range {
        static final int ANY = 0;
        static final int ANY_SUBTYPE = 1;
        static final int FULL_TYPE = 2;
        static final int WITH_VERSION = 3;

        final String type;
        final String subtype;
        final double q;
        final String version;
        final String proto;
        final String encoding;
        final String escaping;

        private Range(String type, String subtype, double q, String version, String proto, String encoding,
                      String escaping) {
            this.type = type;
            this.subtype = subtype;
            this.q = q;
            this.version = version;
            this.proto = proto;
            this.encoding = encoding;
            this.escaping = escaping;
        }

        /** Null when the range is not {@code type/subtype} or its weight does not parse. */
        static Range parse(String text) {
            String[] parts = text.split(";");
            if (parts.length == 0) {
                return null;
            }
            String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaType.indexOf('/');
            if (slash <= 0 || slash == mediaType.length() - 1) {
                return null;
            }
            String type = mediaType.substring(0, slash).trim();
            String subtype = mediaType.substring(slash + 1).trim();
            if (type.equals("*") && !subtype.equals("*")) {
                return null;
            }
            double q = 1;
            String version = null;
            String proto = null;
            String encoding = null;
            String escaping = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(p.substring(eq + 1).trim());
                switch (key) {
                    case "q":
                        q = weight(value);
                        if (Double.isNaN(q)) {
                            return null;
                        }
                        break;
                    case "version": version = value; break;
                    case "proto": proto = value; break;
                    case "encoding": encoding = value.toLowerCase(Locale.ROOT); break;
                    case "escaping": escaping = value.toLowerCase(Locale.ROOT); break;
                    default: break;
                }
            }
            return new Range(type, subtype, q, version, proto, encoding, escaping);
        }

        /** How specifically this range names {@code f}, or -1 when it does not. */
        int match(Format f) {
            if (type.equals("*")) {
                return ANY;
            }
            if (!type.equals(f.type)) {
                return -1;
            }
            if (subtype.equals("*")) {
                return ANY_SUBTYPE;
            }
            if (!subtype.equals(f.subtype)) {
                return -1;
            }
            if (f == Format.PROMETHEUS_PROTOBUF) {
                // the same media type also names the text and compact-text encodings, and other messages
                if ((proto != null && !proto.equals(Format.PROTO)) || (encoding != null && !encoding.equals("delimited"))) {
                    return -1;
                }
                return proto != null ? WITH_VERSION : FULL_TYPE;
            }
            if (version == null) {
                return FULL_TYPE;
            }
            return version.equals(f.version) ? WITH_VERSION : -1;
        }

        /** RFC 9110 qvalue: 0 to 1 with up to three decimals; anything else is NaN. */
        private static double weight(String value) {
            if (value.isEmpty() || value.length() > 5 || !(value.charAt(0) == '0' || value.charAt(0) == '1')) {
                return Double.NaN;
            }
            try {
                double q = Double.parseDouble(value);
                return q >= 0 && q <= 1 ? q : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                    ? value.substring(1, value.length() - 1) : value;
        }
    }
}
