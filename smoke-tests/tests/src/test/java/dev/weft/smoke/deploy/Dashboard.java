package dev.weft.smoke.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/grafana/weft-dashboard.json and every PromQL expression in it: panel targets, template
 * variable queries ({@code label_values(selector, label)}) and annotation queries, keyed by where
 * they come from: {@code Dashboard.load().expressions()}.
 */
final class Dashboard {

    static final String FILE = "grafana/weft-dashboard.json";
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

    final JsonNode json;

    private Dashboard(JsonNode json) {
        this.json = json;
    }

    static Dashboard load() throws IOException {
        return new Dashboard(DeployFiles.json(FILE));
    }

    /** Every panel, rows included, in file order (rows in this dashboard are expanded, so flat). */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.get("panels")) {
            panels.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                panels.add(nested);
            }
        }
        return panels;
    }

    /** "where" (panel title and refId, variable or annotation name) to PromQL expression. */
    Map<String, String> expressions() {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put("panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(), target.get("expr").asText());
            }
        }
        for (JsonNode variable : json.get("templating").get("list")) {
            if (variable.get("type").asText().equals("query")) {
                Matcher m = LABEL_VALUES.matcher(variable.get("query").get("query").asText());
                if (!m.matches()) {
                    throw new AssertionError("variable " + variable.get("name") + " is not label_values(selector, label)");
                }
                exprs.put("variable $" + variable.get("name").asText(), m.group(1));
            }
        }
        for (JsonNode annotation : json.get("annotations").get("list")) {
            if (annotation.has("expr")) {
                exprs.put("annotation '" + annotation.get("name").asText() + "'", annotation.get("expr").asText());
            }
        }
        return exprs;
    }

    /** The expression with Grafana's variables replaced as a query would send it ($route by "All"). */
    static String resolved(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$__interval", "1m")
                .replace("${datasource}", "").replace("$job", ".*").replace("$instance", ".*").replace("$route", ".*");
    }
}
