package dev.weft.agent.page;

/**
 * Small inline SVG charts, drawn on the server so the page needs no script:
 *
 * <pre>{@code
 * Sparkline.bars(rates, errorRates, "requests a second")   // one bar a slot, failed part in red
 * Sparkline.line(p95s, lastBound, "95th percentile")         // a line through the slots that have a value
 * }</pre>
 *
 * Slots are drawn left to right at a fixed width, so an empty slot (NaN: before the agent started
 * keeping history) leaves its place blank and every chart on the page shares one time axis.
 * Each chart carries a {@code <title>} with its peak, which browsers show on hover and screen
 * readers read out.
 */
final class Sparkline {

    static final int WIDTH = 150;
    static final int HEIGHT = 30;

    private Sparkline() {}

    static String bars(double[] totals, double[] failed, String what) {
        double peak = 0;
        for (double v : totals) {
            if (v > peak) {
                peak = v;
            }
        }
        double slot = (double) WIDTH / totals.length;
        StringBuilder svg = open(what + ", peak " + Html.rate(peak) + "/s");
        if (peak > 0) {
            svg.append("<path class=\"bar\" d=\"").append(barPath(totals, peak, slot)).append("\"/>");
            svg.append("<path class=\"fail\" d=\"").append(barPath(failed, peak, slot)).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** One closed rectangle a slot with a value above 0, scaled to the peak, at least a pixel high. */
    private static String barPath(double[] values, double peak, double slot) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v > 0)) {
                continue;
            }
            double h = Math.max(1, v / peak * (HEIGHT - 1));
            d.append('M');
            tenths(d, i * slot);
            d.append(',').append(HEIGHT).append("v-");
            tenths(d, h);
            d.append('h');
            tenths(d, slot);
            d.append('v');
            tenths(d, h);
            d.append('Z');
        }
        return d.toString();
    }

    /** Values above {@code ceiling} (infinite ones: above the last bucket) are drawn at the ceiling. */
    static String line(double[] values, double ceiling, String what) {
        double peak = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                peak = Math.max(peak, Math.min(v, ceiling));
            }
        }
        double slot = (double) WIDTH / values.length;
        StringBuilder svg = open(what + ", peak " + Html.seconds(peak));
        if (peak > 0) {
            StringBuilder d = new StringBuilder();
            boolean drawing = false;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    drawing = false;
                    continue;
                }
                double y = 5 + (HEIGHT - 7) * (1 - Math.min(v, ceiling) / peak);
                d.append(drawing ? 'L' : 'M');
                tenths(d, i * slot + slot / 2);
                d.append(',');
                tenths(d, y);
                boolean alone = !drawing && (i + 1 == values.length || Double.isNaN(values[i + 1]));
                if (alone) {
                    d.append("h0"); // a dot: the round cap draws it
                }
                drawing = true;
            }
            svg.append("<path class=\"line\" d=\"").append(d).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(512).append("<svg class=\"spark\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\"><title>")
                .append(Html.escape(title)).append("</title><rect class=\"bg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\"/>");
    }

    /**
     * A coordinate to a tenth of a pixel, {@code 12.3} or {@code 12}: finer is invisible, and a page
     * of 50 rows has tens of thousands of them, too many for {@code String.format}.
     */
    static void tenths(StringBuilder out, double v) {
        long t = Math.round(Math.abs(v) * 10);
        if (v < 0 && t != 0) {
            out.append('-');
        }
        out.append(t / 10);
        if (t % 10 != 0) {
            out.append('.').append(t % 10);
        }
    }
}
