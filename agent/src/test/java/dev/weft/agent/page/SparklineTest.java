package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SparklineTest {

    private static final double NAN = Double.NaN;

    private static String path(String svg, String cls) {
        Matcher m = Pattern.compile("<path class=\"" + cls + "\" d=\"([^\"]*)\"").matcher(svg);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void oneBarPerSlotWithRequestsScaledToThePeakAndTheFailedPartOnTop() {
        // 150 px over 6 slots: 25 px a slot
        String svg = Sparkline.bars(new double[] {NAN, 0, 2, 4, 1, NAN}, new double[] {NAN, 0, 0, 4, 0, NAN}, "req");
        assertEquals("M50,30v-14.5h25v14.5ZM75,30v-29h25v29ZM100,30v-7.3h25v7.3Z", path(svg, "bar"));
        assertEquals("M75,30v-29h25v29Z", path(svg, "fail"), "all of slot 3 failed");
        assertTrue(svg.contains("<title>req, peak 4.00/s</title>"), svg);
    }

    @Test
    void noRequestsDrawsOnlyTheBackground() {
        String svg = Sparkline.bars(new double[] {NAN, 0, 0}, new double[] {NAN, 0, 0}, "req");
        assertFalse(svg.contains("<path"), svg);
        assertTrue(svg.contains("<rect class=\"bg\""), svg);
    }

    @Test
    void theLineBreaksAtEmptySlotsAndALoneValueIsADot() {
        // 150 px over 5 slots: 30 px a slot, points in their middles
        String svg = Sparkline.line(new double[] {0.1, 0.2, NAN, 0.2, NAN}, 10, "p95");
        assertEquals("M15,16.5L45,5M105,5h0", path(svg, "line"));
        String capped = Sparkline.line(new double[] {Double.POSITIVE_INFINITY, 5}, 10, "p95");
        assertEquals("M37.5,5L112.5,16.5", path(capped, "line"), "infinity is drawn at the ceiling, 10 s");
    }

    @Test
    void coordinatesToATenth() {
        StringBuilder s = new StringBuilder();
        for (double v : new double[] {12, 12.34, 0.04, -0.04, -1.25, 149.99}) {
            Sparkline.tenths(s, v);
            s.append(' ');
        }
        assertEquals("12 12.3 0 0 -1.3 150 ", s.toString());
    }
}
