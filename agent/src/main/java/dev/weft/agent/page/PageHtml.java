package dev.weft.agent.page;

import dev.weft.agent.metrics.AgentHealth;
import dev.weft.agent.metrics.ServerMetrics;
import dev.weft.bootstrap.Weft;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the live page: one self-contained HTML document, its style inline, its charts inline SVG,
 * and no script, so every figure reads in any browser, in a text browser, or with {@code curl}.
 *
 * <pre>
 * header     version, uptime, the time of the figures, auto-refresh (a meta refresh) and how to stop it
 * summary    all routes together: requests a second, error ratio, p95; the same for client calls
 * routes     per route: methods, requests, rate, errors, error ratio, p50/p95/p99, two charts
 * clients    per host:port, the same columns
 * agent      instrumentations active, classes woven and skipped, series used and dropped, scrape time
 * footer     what the window is and how the figures are computed
 * </pre>
 *
 * <p>Each table row is {@code <tr><th class="k">route</th><td class="requests">9</td>...}: stable class
 * names a test or a script can read. Every value from the application is escaped ({@link Html}).
 */
final class PageHtml {

    /** A meta refresh, not a script: the page stays free of JavaScript. */
    static final int REFRESH_SECONDS = 10;

    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{margin:0;background:#f5f6f8;color:#1c2230;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\","
            + "Roboto,\"Helvetica Neue\",Arial,\"DejaVu Sans\",sans-serif}"
            + ".wrap{max-width:1200px;margin:0 auto;padding:0 20px}"
            + "header{background:#fff;border-bottom:1px solid #e2e5ea}"
            + "header .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px;padding-top:14px;"
            + "padding-bottom:12px}"
            + "h1{font-size:18px;margin:0;font-weight:650;letter-spacing:-.01em}"
            + "h1 .v{font-weight:400;color:#6b7280;font-size:13px;margin-left:6px}"
            + ".jvm{color:#4b5260;font-size:13px}.meta{margin-left:auto;color:#6b7280;font-size:12.5px}"
            + "a{color:#2457d6;text-decoration:none}a:hover{text-decoration:underline}"
            + "h2{font-size:15px;margin:28px 0 2px;font-weight:650}"
            + ".sub{color:#6b7280;font-size:12.5px;margin:0 0 10px}"
            + ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:12px;margin-top:18px}"
            + ".card{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:11px 14px}"
            + ".card .l{color:#6b7280;font-size:11.5px;text-transform:uppercase;letter-spacing:.05em}"
            + ".card .n{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;margin-top:2px}"
            + ".card .d{color:#6b7280;font-size:12px;margin-top:2px}"
            + "table{width:100%;table-layout:fixed;border-collapse:separate;border-spacing:0;background:#fff;"
            + "border:1px solid #e2e5ea;border-radius:8px}"
            + "th,td{padding:6px 8px;text-align:right;white-space:nowrap;border-bottom:1px solid #eef0f3;"
            + "font-variant-numeric:tabular-nums;vertical-align:middle;overflow:hidden;text-overflow:ellipsis}"
            + "thead th{font-size:12px;color:#6b7280;font-weight:600;background:#fafbfc}"
            + "tbody td{font-size:13.5px}"
            + "thead th:first-child{border-top-left-radius:8px}thead th:last-child{border-top-right-radius:8px}"
            + "tbody tr:last-child>*{border-bottom:0}"
            + "th.k{text-align:left;font-weight:500;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
            + "\"DejaVu Sans Mono\",monospace;font-size:12.5px;white-space:normal;overflow-wrap:anywhere;padding-left:12px}"
            + "th.k .note{font-family:system-ui,sans-serif;font-weight:400;color:#8a919c;font-size:11.5px;margin-left:8px}"
            + "td.methods{text-align:left;color:#6b7280;font-size:12px}"
            + "td.chart{padding:3px 8px}th.c{text-align:left}"
            + ".bad{color:#c42121;font-weight:600}.quiet{color:#9aa1ac}"
            + ".spark .bg{fill:#f3f5f8}.spark .bar{fill:#8fb0ea}.spark .fail{fill:#e0483e}"
            + ".spark .line{fill:none;stroke:#2457d6;stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}"
            + ".modules{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0 0}"
            + ".module{background:#fff;border:1px solid #e2e5ea;border-radius:999px;padding:2px 10px;font-size:12px;"
            + "color:#4b5260}"
            + ".empty{background:#fff;border:1px dashed #d3d8df;border-radius:8px;padding:16px;color:#6b7280}"
            + ".warn{color:#9a5b00}"
            + "footer{color:#6b7280;font-size:12.5px;line-height:1.6;margin:30px 0 36px;max-width:900px}"
            + "footer p{margin:0 0 6px}"
            + "@media (prefers-color-scheme:dark){body{background:#14171c;color:#e3e6eb}"
            + "header,.card,table,.empty,.module{background:#1b1f26;border-color:#2c323c}thead th{background:#1f242c}"
            + "th,td{border-color:#262b34}.spark .bg{fill:#232831}a{color:#7aa5ff}}";

    private final StringBuilder out = new StringBuilder(32 * 1024);

    /** What the page shows besides the two windows. */
    static final class Facts {
        String version;
        String jvm;
        String metricsPath;
        boolean refresh;
        double uptimeSeconds;
        String asOf;
        int intervalSeconds;
        int slots;
        int maxRoutes;
        int maxTargets;
        int maxSeries;
        double[] bounds;
    }

    static String write(Facts facts, Window routes, Window targets, AgentHealth health) {
        return new PageHtml().page(facts, routes, targets, health);
    }

    private String page(Facts f, Window routes, Window targets, AgentHealth health) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        if (f.refresh) {
            out.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">");
        }
        out.append("<meta name=\"robots\" content=\"noindex\"><title>Weft \u00b7 ").append(Html.escape(f.jvm))
                .append("</title><style>").append(STYLE).append("</style></head>\n<body>");
        header(f);
        out.append("<main class=\"wrap\">");
        summary(routes, targets);
        out.append("<h2 id=\"routes\">Server routes</h2><p class=\"sub\">Requests this JVM served, per route,"
                + " over the last ").append(Html.span(routes.seconds)).append(".</p>");
        String history = Html.span((double) f.intervalSeconds * f.slots);
        table(routes, "Route", "no requests served in the window yet", f.maxRoutes, "routes", history);
        out.append("<h2 id=\"clients\">Client targets</h2><p class=\"sub\">Calls this JVM made, per host and port,"
                + " over the last ").append(Html.span(targets.seconds)).append(".</p>");
        table(targets, "Target", "no outbound calls in the window yet", f.maxTargets, "targets", history);
        agent(f, routes, targets, health);
        footer(f);
        out.append("</main></body></html>\n");
        return out.toString();
    }

    private void header(Facts f) {
        out.append("<header><div class=\"wrap\"><h1>Weft<span class=\"v\">").append(Html.escape(f.version))
                .append("</span></h1><span class=\"jvm\">").append(Html.escape(f.jvm))
                .append("</span><span class=\"meta\">up ").append(Html.span(f.uptimeSeconds))
                .append(" \u00b7 as of ").append(Html.escape(f.asOf)).append(" \u00b7 ");
        if (f.refresh) {
            out.append("refreshes every ").append(REFRESH_SECONDS).append(" s (<a href=\"?refresh=off\">stop</a>)");
        } else {
            out.append("not refreshing (<a href=\"?\">refresh every ").append(REFRESH_SECONDS).append(" s</a>)");
        }
        out.append(" \u00b7 <a href=\"").append(Html.escape(f.metricsPath)).append("\">")
                .append(Html.escape(f.metricsPath)).append("</a></span></div></header>");
    }

    private void summary(Window routes, Window targets) {
        out.append("<section class=\"cards\" id=\"summary\">");
        totals(routes, "Requests / s", "Error ratio", "p95 latency");
        totals(targets, "Client calls / s", "Client errors", "Client p95");
        out.append("</section>");
    }

    /** Three cards for all keys of a window together: rate, error ratio, p95. */
    private void totals(Window w, String rate, String failed, String p95) {
        long requests = 0;
        long errors = 0;
        long[] buckets = new long[w.bounds.length + 1];
        for (Window.Row r : w.rows) {
            requests += r.requests;
            errors += r.errors;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += r.buckets[i];
            }
        }
        double ratio = requests == 0 ? 0 : (double) errors / requests;
        card(rate, Html.rate(w.seconds > 0 ? requests / w.seconds : 0), Html.count(requests) + " in the window", null);
        card(failed, Html.percent(ratio), Html.count(errors) + " failed", errors > 0 ? "bad" : null);
        card(p95, latency(Quantiles.estimate(0.95, w.bounds, buckets), w.bounds),
                "p50 " + latency(Quantiles.estimate(0.5, w.bounds, buckets), w.bounds), null);
    }

    private void card(String label, String value, String detail, String valueClass) {
        out.append("<div class=\"card\"><div class=\"l\">").append(Html.escape(label)).append("</div><div class=\"n")
                .append(valueClass == null ? "" : " " + valueClass).append("\">").append(value)
                .append("</div><div class=\"d\">").append(detail).append("</div></div>");
    }

    private void table(Window w, String keyHeading, String empty, int max, String id, String history) {
        if (w.rows.isEmpty()) {
            out.append("<p class=\"empty\" id=\"").append(id).append("-empty\">").append(empty).append(".</p>");
        } else {
            rows(w, keyHeading, id, history);
        }
        if (w.unfollowedRequests > 0) {
            out.append("<p class=\"sub warn\">").append(Html.count(w.unfollowedRequests))
                    .append(" more requests went to ").append(id).append(" past the ").append(max)
                    .append(" this page follows at once; the metrics endpoint has every series.</p>");
        }
    }

    private void rows(Window w, String keyHeading, String id, String history) {
        out.append("<table id=\"").append(id).append("-table\"><colgroup><col><col style=\"width:84px\">"
                + "<col style=\"width:80px\"><col style=\"width:64px\"><col style=\"width:64px\">"
                + "<col style=\"width:72px\"><col style=\"width:72px\"><col style=\"width:72px\">"
                + "<col style=\"width:72px\"><col style=\"width:").append(Sparkline.WIDTH + 16)
                .append("px\"><col style=\"width:").append(Sparkline.WIDTH + 16).append("px\"></colgroup>")
                .append("<thead><tr><th class=\"k\" scope=\"col\">").append(keyHeading)
                .append("</th><th class=\"c\">Methods</th><th>Requests</th><th>Req/s</th><th>Errors</th>"
                        + "<th>Error %</th><th>p50</th><th>p95</th><th>p99</th><th class=\"c\">Requests/s \u00b7 ")
                .append(history).append("</th><th class=\"c\">p95 \u00b7 ").append(history)
                .append("</th></tr></thead><tbody>");
        for (Window.Row r : w.rows) {
            out.append("<tr><th class=\"k\" scope=\"row\">").append(Html.escape(r.key));
            note(r.key);
            out.append("</th><td class=\"methods\">").append(Html.escape(String.join(" ", r.methods)))
                    .append("</td><td class=\"requests\">").append(Html.count(r.requests))
                    .append("</td><td class=\"rate\">").append(Html.rate(w.rate(r)))
                    .append("</td><td class=\"errors").append(r.errors > 0 ? " bad" : " quiet").append("\">")
                    .append(Html.count(r.errors))
                    .append("</td><td class=\"ratio").append(r.errors > 0 ? " bad" : " quiet").append("\">")
                    .append(Html.percent(r.errorRatio()))
                    .append("</td><td class=\"p50\">").append(latency(r.quantile(0.5), w.bounds))
                    .append("</td><td class=\"p95\">").append(latency(r.quantile(0.95), w.bounds))
                    .append("</td><td class=\"p99\">").append(latency(r.quantile(0.99), w.bounds))
                    .append("</td><td class=\"chart\">")
                    .append(Sparkline.bars(r.rates, r.errorRates, "requests a second per interval, failed in red"))
                    .append("</td><td class=\"chart\">")
                    .append(Sparkline.line(r.p95s, w.bounds[w.bounds.length - 1], "95th percentile per interval"))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    /** A word on the keys that are not a route or target of the application's own. */
    private void note(String key) {
        if (ServerMetrics.OVERFLOW.equals(key)) {
            out.append("<span class=\"note\">past WEFT_MAX_SERIES</span>");
        } else if ("unmatched".equals(key)) {
            out.append("<span class=\"note\">404 and 405, no route</span>");
        }
    }

    /** A percentile; past the last bucket, only its floor is known. */
    private static String latency(double seconds, double[] bounds) {
        return Double.isInfinite(seconds) ? "&gt; " + Html.bound(bounds[bounds.length - 1]) : Html.seconds(seconds);
    }

    private void agent(Facts f, Window routes, Window targets, AgentHealth health) {
        out.append("<h2 id=\"agent\">Agent</h2><p class=\"sub\">The health of Weft itself, since it started.</p>"
                + "<section class=\"cards\" id=\"health\" style=\"margin-top:0\">");
        List<String> modules = health.modulesActive();
        card("Instrumentations", Html.count(modules.size()) + " active", modules.isEmpty() ? "none installed"
                : "listed below", modules.isEmpty() ? "bad" : null);
        long failed = health.instrumentation().failures();
        card("Classes woven", Html.count(health.instrumentation().instrumentedClasses()),
                Html.count(failed) + " failed to weave", failed > 0 ? "bad" : null);
        long skipped = sum(health.instrumentation().classesSkipped());
        long loaders = sum(health.instrumentation().loadersSkipped());
        card("Classes skipped", Html.count(skipped), reasons(health.instrumentation().classesSkipped(),
                Html.count(loaders) + " class loaders skipped"), skipped > 0 ? "warn" : null);
        long dropped = 0;
        StringBuilder byMetric = new StringBuilder();
        for (Map.Entry<String, Long> e : health.seriesDroppedByMetric().entrySet()) {
            dropped += e.getValue();
            if (e.getValue() > 0) {
                byMetric.append(Html.escape(e.getKey())).append(": ").append(Html.count(e.getValue())).append("<br>");
            }
        }
        card("Series dropped", Html.count(dropped), byMetric + "series in use: " + Html.count(routes.series)
                + " server, " + Html.count(targets.series) + " client, of " + Html.count(f.maxSeries) + " each",
                dropped > 0 ? "bad" : null);
        long adviceErrors = Weft.adviceErrorCount();
        card("Advice errors", Html.count(adviceErrors), "calls recorded as if unwoven", adviceErrors > 0 ? "bad" : null);
        long renders = health.scrapeRenders();
        card("Last scrape", renders == 0 ? "\u2013" : Html.seconds(health.lastScrapeSeconds()),
                Html.count(renders) + " renderings of " + Html.escape(f.metricsPath), null);
        out.append("</section><p class=\"modules\" id=\"modules\">");
        for (String module : modules) {
            out.append("<span class=\"module\">").append(Html.escape(module)).append("</span>");
        }
        out.append("</p>");
    }

    private static long sum(Map<String, AtomicLong> counts) {
        long n = 0;
        for (AtomicLong c : counts.values()) {
            n += c.get();
        }
        return n;
    }

    private static String reasons(Map<String, AtomicLong> counts, String otherwise) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
            if (e.getValue().get() > 0) {
                s.append(Html.escape(e.getKey())).append(": ").append(Html.count(e.getValue().get())).append("<br>");
            }
        }
        return s.append(otherwise).toString();
    }

    private void footer(Facts f) {
        out.append("<footer><p><b>Window.</b> The figures cover the last ")
                .append(Html.span((double) f.intervalSeconds * f.slots)).append(" at most, kept in ").append(f.intervalSeconds)
                .append("-second intervals, up to this moment; requests are counted as they end. Rates are the"
                        + " requests in the window divided by its length. Errors are requests with an error type: a 5xx"
                        + " answer or an exception on the server, a 4xx or 5xx answer or no answer for a client.</p>"
                        + "<p><b>Percentiles</b> are estimated from the duration histogram's buckets (bounds ")
                .append(bounds(f.bounds)).append("): the bucket holding the rank is found and the value interpolated"
                        + " linearly inside it, as Prometheus' histogram_quantile does; past the last bound the page"
                        + " shows only that floor.</p><p><b>Charts</b> have one slot per interval, the newest on the"
                        + " right: requests a second with the failed part in red, and each interval's p95. The page"
                        + " follows up to ").append(f.maxRoutes).append(" routes and ").append(f.maxTargets)
                .append(" client targets at a time; the metrics endpoint has every series.</p></footer>");
    }

    private static String bounds(double[] bounds) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bounds.length; i++) {
            s.append(i == 0 ? "" : ", ").append(Html.bound(bounds[i]));
        }
        return s.toString();
    }
}
