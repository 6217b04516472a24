package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's layout and conventions: service health first, the rows the issue names, the
 * job/instance/route variables in every selector, restart and deploy annotations, one colour scheme,
 * and no metric the shipped scrape configs drop. (Whether each selector matches real series is
 * {@link DashboardSelectorsSmokeTest}.)
 */
class DashboardTest {

    @Test
    void rowsInOrderWithServiceHealthOnTop() throws Exception {
        Dashboard dashboard = Dashboard.load();
        List<String> rows = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            if (panel.get("type").asText().equals("row")) {
                rows.add(panel.get("title").asText());
            }
        }
        assertEquals(List.of("Service health", "Latency per route", "Outbound calls", "JVM", "Agent health"), rows);
        List<String> topRow = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            if (panel.get("gridPos").get("y").asInt() == 1) {
                topRow.add(panel.get("title").asText());
            }
        }
        assertEquals(List.of("Request rate", "Error ratio (5xx)", "p95 latency", "Targets up"), topRow);
        Set<String> types = new TreeSet<>();
        dashboard.panels().forEach(p -> types.add(p.get("type").asText()));
        assertTrue(types.containsAll(Set.of("heatmap", "stat", "timeseries")), types.toString());
    }

    @Test
    void panelsDoNotOverlapAndHaveUniqueIds() throws Exception {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : Dashboard.load().panels()) {
            assertTrue(ids.add(panel.get("id").asInt()), "duplicate id " + panel.get("id"));
            JsonNode g = panel.get("gridPos");
            assertTrue(g.get("x").asInt() + g.get("w").asInt() <= 24, panel.get("title") + " is wider than the grid");
            for (int x = g.get("x").asInt(); x < g.get("x").asInt() + g.get("w").asInt(); x++) {
                for (int y = g.get("y").asInt(); y < g.get("y").asInt() + g.get("h").asInt(); y++) {
                    assertTrue(cells.add(x + "," + y), panel.get("title") + " overlaps another panel at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void variablesFilterEverySelector() throws Exception {
        Dashboard dashboard = Dashboard.load();
        List<String> variables = new ArrayList<>();
        for (JsonNode v : dashboard.json.get("templating").get("list")) {
            variables.add(v.get("name").asText());
        }
        assertEquals(List.of("datasource", "job", "instance", "route"), variables);
        for (Map.Entry<String, String> e : dashboard.expressions().entrySet()) {
            if (e.getKey().startsWith("variable $job")) {
                continue;
            }
            for (PromQlSelectors.Selector s : PromQlSelectors.of(e.getValue())) {
                assertTrue(s.toString().contains("job=~\"$job\""), e.getKey() + ": " + s + " ignores $job");
            }
        }
        for (JsonNode panel : dashboard.panels()) {
            for (JsonNode target : panel.path("targets")) {
                assertEquals("${datasource}", target.get("datasource").get("uid").asText(), panel.get("title").asText());
                for (PromQlSelectors.Selector s : PromQlSelectors.of(target.get("expr").asText())) {
                    assertTrue(s.toString().contains("instance=~\"$instance\""), panel.get("title") + ": " + s + " ignores $instance");
                }
            }
        }
        assertTrue(dashboard.expressions().values().stream().filter(x -> x.contains("http_route=~\"$route\"")).count() >= 5,
                "the route variable filters the per-route panels");
    }

    @Test
    void legendsNameOnlyLabelsTheQueryKeeps() throws Exception {
        Pattern legendLabel = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
        for (JsonNode panel : Dashboard.load().panels()) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asText();
                Set<String> kept = new TreeSet<>(PromQlSelectors.groupingLabels(expr));
                kept.addAll(Set.of("job", "instance"));
                java.util.regex.Matcher m = legendLabel.matcher(target.path("legendFormat").asText());
                while (m.find()) {
                    assertTrue(kept.contains(m.group(1)), panel.get("title") + ": legend {{" + m.group(1) + "}} is not kept by " + expr);
                }
            }
        }
    }

    @Test
    void annotationsMarkRestartsAndVersionChanges() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (JsonNode a : Dashboard.load().json.get("annotations").get("list")) {
            if (a.has("expr")) {
                exprs.add(a.get("expr").asText());
            }
        }
        assertEquals(2, exprs.size());
        assertTrue(exprs.get(0).contains("process_start_time_seconds"), exprs.get(0));
        assertTrue(exprs.get(1).contains("weft_build_info"), exprs.get(1));
    }

    @Test
    void oneColourSchemeRedForErrorsGreenForHealthy() throws Exception {
        Set<String> fixedColours = new TreeSet<>();
        collectColours(Dashboard.load().json.get("panels"), fixedColours);
        assertEquals(Set.of("green", "red"), fixedColours, "threshold and fixed colours");
        for (JsonNode panel : Dashboard.load().panels()) {
            JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
            if (steps.size() > 0) {
                assertEquals("green", steps.get(0).get("color").asText(), panel.get("title") + " starts green");
            }
            String mode = panel.path("fieldConfig").path("defaults").path("color").path("mode").asText("palette-classic");
            assertTrue(Set.of("palette-classic", "thresholds", "fixed").contains(mode), panel.get("title") + ": " + mode);
        }
    }

    @Test
    void noPanelNeedsAMetricTheShippedScrapeConfigsDrop() throws Exception {
        Map<String, Object> podMonitor = DeployFiles.yamlMap("kubernetes/podmonitor.yaml");
        String regex = DeployFiles.at(podMonitor, "spec", "podMetricsEndpoints", 0, "metricRelabelings", 0, "regex");
        Pattern dropped = Pattern.compile(regex);
        for (Map.Entry<String, String> e : Dashboard.load().expressions().entrySet()) {
            for (PromQlSelectors.Selector s : PromQlSelectors.of(e.getValue())) {
                assertFalse(dropped.matcher(s.metric).matches(), e.getKey() + " charts " + s.metric + ", which the PodMonitor drops");
            }
        }
    }

    private static void collectColours(JsonNode node, Set<String> colours) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if ((f.getKey().equals("color") || f.getKey().equals("fixedColor")) && f.getValue().isTextual()) {
                    colours.add(f.getValue().asText());
                } else {
                    collectColours(f.getValue(), colours);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectColours(n, colours));
        }
    }
}
