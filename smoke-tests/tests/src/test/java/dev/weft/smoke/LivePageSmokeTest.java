package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The endpoint's live page in a real browser: embedded Tomcat 10.1 with the agent serves routes that
 * succeed, fail, answer 503 and 404, and one that calls out; headless Chromium then loads the page.
 * Its DOM names every route driven with the exact number of requests, the client target, and the
 * agent's health; its screenshot is not blank. A route declared in {@code WEFT_ROUTES} with
 * {@code <script>}, quotes and an ampersand in it reaches the DOM as text, never as markup.
 *
 * <p>The traffic comes in phases with one of the page's 10-second intervals between them, so the
 * charts have closed intervals to show. For the README's picture, more phases and a copy of the
 * screenshot: {@code -Dweft.page.phases=14 -Dweft.page.screenshot=../../docs/images/live-page.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePageSmokeTest {

    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    /** A route as an application or its configuration may spell it: the page must show it as text. */
    private static final String HOSTILE_ROUTE = "/esc/<script>&\"'/{id}";
    private static final String HOSTILE_PATH = "/esc/%3Cscript%3E%26%22'/7";
    private static final Pattern ROW = Pattern.compile("<tr><th class=\"k\" scope=\"row\">(.*?)</th>(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"(\\w+)[^\"]*\">(.*?)</td>", Pattern.DOTALL);
    private static final Pattern BARS = Pattern.compile("<path class=\"bar\" d=\"([^\"]*)\"");

    private AgentJvm app;
    private int appPort;
    private String page;
    private String dom;
    private final Map<String, Integer> served = new HashMap<>();
    private final Map<String, Integer> failed = new HashMap<>();
    private int calls;
    private int failedCalls;

    @BeforeAll
    void startDriveAndRender() throws Exception {
        appPort = Ports.free();
        app = AgentJvm.app(APP, MAIN).arg(appPort).env("WEFT_ROUTES", HOSTILE_ROUTE).start();
        page = "http://127.0.0.1:" + app.metricsPort() + "/";
        int phases = Integer.getInteger("weft.page.phases", 2);
        for (int p = 0; p < phases; p++) {
            int before = helloBars();
            drive(p);
            if (p + 1 < phases) {
                awaitNextInterval(before);
            }
        }
        awaitCounts();
        dom = Chromium.dumpDom(page);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** One phase of traffic, its amount varying with the phase so the charts have a shape. */
    private void drive(int phase) throws Exception {
        get("/hello", 200, "/hello", 4 + 3 * (phase % 3));
        for (int i = 0; i < 2 + phase % 2; i++) {
            get("/users/" + (phase * 10 + i), 200, "/users/*", 1);
        }
        get("/slow?ms=" + (60 + 40 * (phase % 4)), 200, "/slow", 2);
        get("/fail", 500, "/fail", 1);
        get("/teapot", 503, "/teapot", phase % 2);
        get("/nope", 404, "unmatched", 1);
        for (int i = 0; i < 1 + phase % 2; i++) {
            // the servlet calls this server's /hello and /teapot (503) over HttpURLConnection
            get("/outbound", 200, "/outbound", 1);
            count("/hello", 200);
            count("/teapot", 503);
            calls += 2;
            failedCalls += 1;
        }
        if (phase == 0) {
            get(HOSTILE_PATH, 404, HOSTILE_ROUTE, 1);
        }
    }

    private void get(String path, int status, String route, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> response = Http.get("http://127.0.0.1:" + appPort + path);
            assertEquals(status, response.statusCode(), path + ": " + response.body());
            count(route, status);
        }
    }

    private void count(String route, int status) {
        served.merge(route, 1, Integer::sum);
        failed.merge(route, status >= 500 ? 1 : 0, Integer::sum);
    }

    private String pageHtml() throws Exception {
        HttpResponse<String> response = Http.get(page);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** Closed intervals in which /hello served requests, as its chart draws them. */
    private int helloBars() throws Exception {
        Map<String, String> hello = rows(pageHtml()).get("/hello");
        if (hello == null) {
            return 0;
        }
        Matcher bars = BARS.matcher(hello.get("chart"));
        return bars.find() ? bars.group(1).split("M").length - 1 : 0;
    }

    private void awaitNextInterval(int barsBefore) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (helloBars() <= barsBefore) {
            assertTrue(System.nanoTime() < deadline, "no new 10-second interval on the page:\n" + pageHtml());
            Thread.sleep(250);
        }
    }

    /** Requests are counted as they end: the last ones may still be on their way to the recorder. */
    private void awaitCounts() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String html = pageHtml();
        while (!String.valueOf(served.get("/hello")).equals(cell(rows(html), "/hello", "requests"))
                || !String.valueOf(calls).equals(cell(rows(html), target(), "requests"))) {
            assertTrue(System.nanoTime() < deadline, "the page never showed every request:\n" + html);
            Thread.sleep(100);
            html = pageHtml();
        }
    }

    private String target() {
        return "127.0.0.1:" + appPort;
    }

    /**
     * The table rows by key, each as its cells by class; the key is the row header's text without
     * its note, as the HTML (or Chromium's serialization of the DOM) spells it.
     */
    private static Map<String, Map<String, String>> rows(String html) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            String key = row.group(1).replaceAll("<span class=\"note\">.*?</span>", "");
            Map<String, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.merge(cell.group(1), cell.group(2), (a, b) -> a + b);
            }
            rows.put(key, cells);
        }
        return rows;
    }

    private static String cell(Map<String, Map<String, String>> rows, String key, String cls) {
        Map<String, String> row = rows.get(key);
        return row == null ? null : row.get(cls);
    }

    @Test
    void theDomNamesEveryDrivenRouteWithItsExactCounts() {
        Map<String, Map<String, String>> rows = rows(dom);
        for (Map.Entry<String, Integer> route : served.entrySet()) {
            String key = route.getKey().equals(HOSTILE_ROUTE) ? "/esc/&lt;script&gt;&amp;\"'/{id}" : route.getKey();
            Map<String, String> row = rows.get(key);
            assertNotNull(row, route.getKey() + " is not on the page; rows: " + rows.keySet() + "\n" + dom);
            assertEquals(String.valueOf(route.getValue()), row.get("requests"), route.getKey());
            int errors = failed.get(route.getKey());
            assertEquals(String.valueOf(errors), row.get("errors"), route.getKey());
            // each route driven here always fails or never does
            assertEquals(errors == 0 ? "0 %" : "100 %", row.get("ratio"), route.getKey());
            assertNotEquals("0", row.get("rate"), route.getKey() + ": a rate above 0");
            assertTrue(row.get("p50").matches("[0-9.]+ (ms|s)"), route.getKey() + " p50: " + row.get("p50"));
            assertEquals("GET", row.get("methods"), route.getKey());
        }
        assertTrue(rows.get("/slow").get("p50").matches("[0-9]{2,3} ms"), "the async servlet's 60-180 ms: "
                + rows.get("/slow").get("p50"));
        Map<String, String> client = rows.get(target());
        assertNotNull(client, "the client target: " + rows.keySet());
        assertEquals(String.valueOf(calls), client.get("requests"));
        assertEquals(String.valueOf(failedCalls), client.get("errors"), "the 503s from /teapot");
        assertEquals("50.0 %", client.get("ratio"));
        assertEquals(served.size() + 1, rows.size(), "the routes driven and the one target, nothing else: " + rows.keySet());
    }

    @Test
    void theDomShowsTheAgentsHealth() {
        Matcher active = Pattern.compile("<div class=\"l\">Instrumentations</div><div class=\"n\">(\\d+) active</div>")
                .matcher(dom);
        assertTrue(active.find(), dom);
        Set<String> modules = new HashSet<>();
        Matcher module = Pattern.compile("<span class=\"module\">([^<]+)</span>").matcher(dom);
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertTrue(modules.contains("servlet-jakarta") && modules.contains("http-url-connection"), modules.toString());
        assertEquals(modules.size(), Integer.parseInt(active.group(1)), modules.toString());
        String started = app.weftLines().stream().filter(l -> l.contains("instrumentations: ")).findFirst().orElse("");
        for (String m : modules) {
            assertTrue(started.contains(m), m + " is in the start-up line: " + started);
        }
        Matcher woven = Pattern.compile("<div class=\"l\">Classes woven</div><div class=\"n\">([\\d,]+)</div>").matcher(dom);
        assertTrue(woven.find(), dom);
        assertTrue(Integer.parseInt(woven.group(1).replace(",", "")) > 0, woven.group(1));
        for (String card : new String[] {"Classes skipped", "Series dropped", "Advice errors", "Last scrape"}) {
            assertTrue(dom.contains("<div class=\"l\">" + card + "</div>"), card);
        }
        assertTrue(dom.contains("histogram_quantile"), "the page says how percentiles are estimated");
    }

    @Test
    void applicationTextIsNeverMarkupAndThePageNeedsNoScript() throws Exception {
        assertTrue(dom.contains("scope=\"row\">/esc/&lt;script&gt;&amp;\"'/{id}</th>"), "the route as text:\n" + dom);
        assertFalse(dom.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script element:\n" + dom);
        // the numbers are in the HTML the endpoint sends, not computed in the browser
        String html = pageHtml();
        assertEquals(String.valueOf(served.get("/hello")), cell(rows(html), "/hello", "requests"));
        HttpResponse<String> response = Http.get(page);
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none';"));
    }

    @Test
    void theScreenshotIsNotBlank() throws Exception {
        Path png = Paths.get("target", AgentJvm.java().contains("25") ? "live-page-java25.png" : "live-page.png");
        Files.createDirectories(png.getParent());
        Chromium.screenshot(page, png, 1200, 900);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG: " + png);
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());
        int red = 0;
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colors.add(rgb);
                if ((rgb >> 16 & 0xFF) > 170 && (rgb >> 8 & 0xFF) < 110 && (rgb & 0xFF) < 110) {
                    red++;
                }
            }
        }
        double all = deviation(image, 0, 0, image.getWidth(), image.getHeight());
        assertTrue(all > 10, "luminance varies (text, tables, charts): deviation " + all);
        // with eight routes and a target the page is taller than the window: its bottom rows show the agent's
        // cards across the whole width, and a picture taken before the page was painted has blank areas there
        for (int third = 0; third < 3; third++) {
            double bottom = deviation(image, third * 400, image.getHeight() - 100, third * 400 + 400, image.getHeight());
            assertTrue(bottom > 3, "the bottom rows are painted, third " + (third + 1) + ": deviation " + bottom);
        }
        assertTrue(colors.size() > 100, "more than a few colours: " + colors.size());
        assertTrue(red > 50, "the failed requests are drawn in red: " + red + " red pixels");
        String copy = System.getProperty("weft.page.screenshot");
        if (copy != null) {
            Files.copy(png, Paths.get(copy), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The standard deviation of the luminance in a rectangle: 0 for a blank area. */
    private static double deviation(BufferedImage image, int x0, int y0, int x1, int y1) {
        double sum = 0;
        double squares = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                double luminance = 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
                sum += luminance;
                squares += luminance * luminance;
            }
        }
        double n = (double) (x1 - x0) * (y1 - y0);
        return Math.sqrt(Math.max(0, squares / n - (sum / n) * (sum / n)));
    }
}
