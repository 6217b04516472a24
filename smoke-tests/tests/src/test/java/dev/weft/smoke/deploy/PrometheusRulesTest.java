package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/weft-rules.yml: valid for promtool, its unit tests pass, every alert is tested
 * both firing and not firing, and the PrometheusRule for the Operator carries the same groups.
 */
class PrometheusRulesTest {

    static final Path PROMETHEUS_DIR = DeployFiles.deploy("prometheus/weft-rules.yml").getParent();

    @Test
    void promtoolChecksTheRules() throws Exception {
        Tools.Result result = Tools.run(PROMETHEUS_DIR, "promtool", "check", "rules", "weft-rules.yml");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("SUCCESS: 18 rules found"), result.output);
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        Tools.Result result = Tools.run(PROMETHEUS_DIR, "promtool", "test", "rules", "weft-rules.test.yml");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("SUCCESS"), result.output);
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : DeployFiles.<List<Map<String, Object>>>at(DeployFiles.yamlMap("prometheus/weft-rules.yml"), "groups")) {
            for (Map<String, Object> rule : DeployFiles.<List<Map<String, Object>>>at(group, "rules")) {
                if (rule.containsKey("alert")) {
                    alerts.add((String) rule.get("alert"));
                    Map<String, Object> annotations = DeployFiles.at(rule, "annotations");
                    assertEquals(Set.of("summary", "description", "runbook"), annotations.keySet(), rule.get("alert") + " annotations");
                    assertTrue(Set.of("critical", "warning").contains(DeployFiles.at(rule, "labels", "severity")));
                }
            }
        }
        assertEquals(Set.of("WeftHighErrorRatio", "WeftSlowP95", "WeftTargetDown", "WeftHighHeapUsage", "WeftSeriesBudgetExhausted",
                "WeftServerThreadPoolSaturated"), alerts);

        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Map<String, Object> test : DeployFiles.<List<Map<String, Object>>>at(DeployFiles.yamlMap("prometheus/weft-rules.test.yml"), "tests")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> checks = (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of());
            for (Map<String, Object> check : checks) {
                List<?> expected = DeployFiles.at(check, "exp_alerts");
                (expected.isEmpty() ? silent : firing).add((String) check.get("alertname"));
            }
        }
        assertEquals(alerts, firing, "alerts with a test where they fire");
        assertEquals(alerts, silent, "alerts with a test where they stay silent");
    }

    @Test
    void thePrometheusRuleForTheOperatorHasTheSameGroups() throws Exception {
        Map<String, Object> rule = DeployFiles.yamlMap("kubernetes/prometheus-rule.yaml");
        assertEquals("PrometheusRule", rule.get("kind"));
        assertEquals(DeployFiles.<Object>at(DeployFiles.yamlMap("prometheus/weft-rules.yml"), "groups"),
                DeployFiles.<Object>at(rule, "spec", "groups"));
    }
}
