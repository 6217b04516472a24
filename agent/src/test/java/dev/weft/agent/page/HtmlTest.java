package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesWhatCouldOpenATagAnAttributeOrAnEntity() {
        assertEquals("/q/&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("/q/<script>alert(1)</script>"));
        assertEquals("&quot; onmouseover=&#39;x&#39; &amp;amp;", Html.escape("\" onmouseover='x' &amp;"));
        assertEquals("a\uFFFDb\uFFFD", Html.escape("a\u0000b\u001b"));
        assertEquals("", Html.escape(null));
        String plain = "/owners/{id}/pets";
        assertSame(plain, Html.escape(plain), "nothing to escape: no copy");
        assertEquals("/caf\u00e9/\u65e5\u672c", Html.escape("/caf\u00e9/\u65e5\u672c"), "other text is kept");
    }

    @Test
    void formatsForAPerson() {
        assertEquals("12,345", Html.count(12345));
        assertEquals("0", Html.rate(0));
        assertEquals("<0.01", Html.rate(0.001));
        assertEquals("0.33", Html.rate(1 / 3.0));
        assertEquals("42.5", Html.rate(42.5));
        assertEquals("120", Html.rate(120.2));
        assertEquals("0 %", Html.percent(0));
        assertEquals("<0.1 %", Html.percent(0.0004));
        assertEquals("33.3 %", Html.percent(1 / 3.0));
        assertEquals("\u2013", Html.seconds(Double.NaN));
        assertEquals("0.42 ms", Html.seconds(0.00042));
        assertEquals("4.2 ms", Html.seconds(0.0042));
        assertEquals("42 ms", Html.seconds(0.0423));
        assertEquals("1.25 s", Html.seconds(1.25));
        assertEquals("5 ms", Html.bound(0.005));
        assertEquals("75 ms", Html.bound(0.075));
        assertEquals("2.5 s", Html.bound(2.5));
        assertEquals("10 s", Html.bound(10));
        assertEquals("35 s", Html.span(35));
        assertEquals("4 min 10 s", Html.span(250));
        assertEquals("15 min", Html.span(900));
        assertEquals("2 h 5 min", Html.span(7500));
    }
}
