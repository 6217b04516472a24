package dev.weft.agent.page;

import java.util.Locale;

/**
 * Text made safe for HTML, and the number formats the page uses.
 *
 * <pre>{@code
 * Html.escape("/q/<script>")   // "/q/&lt;script&gt;"
 * Html.seconds(0.0423)         // "42.3 ms"
 * Html.rate(0.3333)            // "0.33"
 * }</pre>
 *
 * <p>Every value that comes from the application (routes, hosts, methods) or the configuration goes
 * through {@link #escape} before it reaches the page, in text and in attributes alike: a route is
 * whatever a framework or {@code WEFT_ROUTES} made of a path.
 */
final class Html {

    private Html() {}

    /** Escapes {@code & < > " '}; control characters, which HTML cannot show, become U+FFFD. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement;
            switch (c) {
                case '&': replacement = "&amp;"; break;
                case '<': replacement = "&lt;"; break;
                case '>': replacement = "&gt;"; break;
                case '"': replacement = "&quot;"; break;
                case '\'': replacement = "&#39;"; break;
                default:
                    replacement = Character.isISOControl(c) ? "\uFFFD" : null;
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** A count with thousands separated: {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate a second with two significant figures or more: {@code 0.33}, {@code 4.2}, {@code 120}. */
    static String rate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        if (perSecond < 0.01) {
            return "<0.01";
        }
        return String.format(Locale.ROOT, perSecond < 10 ? "%.2f" : perSecond < 100 ? "%.1f" : "%.0f", perSecond);
    }

    /** A share as a percentage: {@code 0 %}, {@code <0.1 %}, {@code 33.3 %}. */
    static String percent(double ratio) {
        if (ratio == 0) {
            return "0 %";
        }
        if (ratio < 0.001) {
            return "<0.1 %";
        }
        if (ratio == 1) {
            return "100 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** A duration: {@code 0.42 ms}, {@code 4.2 ms}, {@code 42 ms}, {@code 1.25 s}; NaN is a dash. */
    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "\u2013";
        }
        double ms = s * 1000;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
    }

    /** A bucket bound, as short as it is exact: {@code 5 ms}, {@code 75 ms}, {@code 2.5 s}, {@code 10 s}. */
    static String bound(double s) {
        return s < 1 ? trim(s * 1000) + " ms" : trim(s) + " s";
    }

    private static String trim(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** A span of time for a person: {@code 35 s}, {@code 4 min 10 s}, {@code 15 min}, {@code 2 h 5 min}. */
    static String span(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return s % 60 == 0 ? min + " min" : min + " min " + s % 60 + " s";
        }
        return min % 60 == 0 ? min / 60 + " h" : min / 60 + " h " + min % 60 + " min";
    }
}
