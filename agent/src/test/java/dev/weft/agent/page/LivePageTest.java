package dev.weft.agent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.metrics.Metrics;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page as HTML: rows with exact counts, escaped application values, the health section, no script. */
class LivePageTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 5_000 * S;
    private static final Pattern ROW = Pattern.compile("<tr><th class=\"k\" scope=\"row\">(.*?)</tr>");

    private final Metrics metrics = Traffic.metrics();
    private final LivePage page = new LivePage(metrics, "/metrics", T0);

    /** The text of a row's cell by class, the row found by its (escaped) key. */
    private static String cell(String html, String escapedKey, String cls) {
        Matcher rows = ROW.matcher(html);
        while (rows.find()) {
            String row = rows.group(1);
            if (row.startsWith(escapedKey + "<") || row.startsWith(escapedKey + "</th>")) {
                Matcher c = Pattern.compile("<td class=\"" + cls + "[^\"]*\">([^<]*)</td>").matcher(row);
                return c.find() ? c.group(1) : null;
            }
        }
        return null;
    }

    @Test
    void routesAndTargetsWithExactCountsBusiestFirst() {
        metrics.health().modulesActive(Arrays.asList("servlet-jakarta", "http-url-connection"));
        Traffic.served(metrics, "GET", "/hello", 200, 150, 9);
        Traffic.served(metrics, "GET", "/fail", 500, 150, 2);
        Traffic.served(metrics, "GET", "unmatched", 404, 150, 1);
        Traffic.called(metrics, "127.0.0.1", 8080, 200, 150, 2);
        Traffic.called(metrics, "127.0.0.1", 8080, 503, 150, 2);
        page.tick(T0 + 10 * S);
        String html = page.html(true, T0 + 12 * S, 0);

        assertEquals("9", cell(html, "/hello", "requests"));
        assertEquals("0", cell(html, "/hello", "errors"));
        assertEquals("0.75", cell(html, "/hello", "rate"), "9 in 12 s");
        assertEquals("GET", cell(html, "/hello", "methods"));
        assertEquals("2", cell(html, "/fail", "requests"));
        assertEquals("100 %", cell(html, "/fail", "ratio"));
        assertEquals("1", cell(html, "unmatched", "requests"));
        assertTrue(html.contains("404 and 405, no route"), "unmatched is explained");
        assertTrue(html.indexOf(">/hello<") < html.indexOf(">/fail<"), "busiest first");
        assertEquals("4", cell(html, "127.0.0.1:8080", "requests"));
        assertEquals("50.0 %", cell(html, "127.0.0.1:8080", "ratio"));
        assertTrue(html.contains("<svg class=\"spark\""), "charts");

        assertTrue(html.contains("id=\"health\""), html);
        assertTrue(html.contains("<span class=\"module\">servlet-jakarta</span><span class=\"module\">"
                + "http-url-connection</span>"), "modules named");
        assertTrue(html.contains(">2 active<"), "modules counted");
        assertTrue(html.contains("as of 00:00:00 UTC"), "the time of the figures");
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"10\">"));
        assertFalse(page.html(false, T0 + 12 * S, 0).contains("http-equiv=\"refresh\""), "?refresh=off");
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script at all");
        assertTrue(html.contains("histogram_quantile"), "says how percentiles are estimated");
    }

    @Test
    void applicationValuesAreEscapedEverywhere() {
        String route = "/x/<script>alert(\"r\")</script>&'/{id}";
        Traffic.served(metrics, "GET", route, 200, 150, 3);
        Traffic.called(metrics, "<img src=x onerror=alert(1)>", 80, 200, 150, 1);
        String html = page.html(true, T0 + 5 * S, 0);
        String escaped = "/x/&lt;script&gt;alert(&quot;r&quot;)&lt;/script&gt;&amp;&#39;/{id}";
        assertEquals("3", cell(html, escaped, "requests"), html);
        assertEquals("1", cell(html, "&lt;img src=x onerror=alert(1)&gt;:80", "requests"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void anEmptyWindowSaysSoAndPercentilesAboveTheLastBoundReadAsAFloor() {
        String empty = page.html(true, T0 + S, 0);
        assertTrue(empty.contains("no requests served in the window yet"), empty);
        assertTrue(empty.contains("no outbound calls in the window yet"), empty);
        Traffic.served(metrics, "GET", "/slow", 200, 20_000, 1);
        String html = page.html(true, T0 + 2 * S, 0);
        assertEquals("&gt; 10 s", cell(html, "/slow", "p99"), "20 s is past the last bound, 10 s");
    }

    @Test
    void routesPastTheOnesFollowedAreCountedUnderTheTable() {
        for (int i = 0; i < LivePage.MAX_ROUTES + 3; i++) {
            Traffic.served(metrics, "GET", "/r" + i, 200, 150, 2);
        }
        page.tick(T0 + 10 * S);
        String html = page.html(true, T0 + 11 * S, 0);
        int rows = 0;
        for (Matcher m = ROW.matcher(html); m.find(); ) {
            rows++;
        }
        assertEquals(LivePage.MAX_ROUTES, rows);
        assertTrue(html.contains(">6 more requests went to routes past the 50 this page follows at once;"), html);
    }
}
