package dev.weft.smoke.deploy;

import static dev.weft.smoke.deploy.DeployFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker-compose cannot run here (no Docker), so its wiring is checked: every mounted file
 * and build context exists, Prometheus' config assembled as the container sees it passes
 * promtool, and Grafana is provisioned with the dashboard.
 */
class ComposeFileTest {

    static final Path COMPOSE_DIR = DeployFiles.deploy("docker-compose/docker-compose.yml").getParent();

    @Test
    void everyReferencedFileExists() throws Exception {
        Map<String, Object> services = at(DeployFiles.yamlMap("docker-compose/docker-compose.yml"), "services");
        assertEquals(List.of("app", "prometheus", "grafana"), List.copyOf(services.keySet()));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Object volumes = ((Map<?, ?>) service.getValue()).get("volumes");
            for (Object volume : volumes == null ? List.of() : (List<?>) volumes) {
                Path host = COMPOSE_DIR.resolve(((String) volume).split(":")[0]).normalize();
                assertTrue(Files.isRegularFile(host), service.getKey() + " mounts " + host + ", which is missing");
            }
        }
        Path context = COMPOSE_DIR.resolve((String) at(services, "app", "build", "context")).normalize();
        assertTrue(Files.isRegularFile(context.resolve("Dockerfile")), "the app's build context has a Dockerfile");
        assertEquals(List.of("8080:8080", "9464:9464"), DeployFiles.<Object>at(services, "app", "ports"));
        assertEquals("weft-agent:0.1.0-SNAPSHOT", DeployFiles.<Object>at(services, "app", "build", "args", "WEFT_IMAGE"));
    }

    @Test
    void prometheusConfigAsMountedPassesPromtool(@TempDir Path etcPrometheus) throws Exception {
        for (Object volume : (List<?>) at(DeployFiles.yamlMap("docker-compose/docker-compose.yml"), "services", "prometheus", "volumes")) {
            String[] parts = ((String) volume).split(":");
            assertTrue(parts[1].startsWith("/etc/prometheus/"), parts[1]);
            Files.copy(COMPOSE_DIR.resolve(parts[0]), etcPrometheus.resolve(parts[1].substring("/etc/prometheus/".length())));
        }
        Tools.Result result = Tools.run(etcPrometheus, "promtool", "check", "config", "prometheus.yml");
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("SUCCESS: 18 rules found"), "the rules are loaded: " + result.output);
        assertEquals(List.of("app:9464"), DeployFiles.<Object>at(DeployFiles.yamlMap("docker-compose/prometheus.yml"), "scrape_configs", 0, "static_configs", 0, "targets"));
    }

    @Test
    void grafanaIsProvisionedWithTheDashboard() throws Exception {
        Map<String, Object> grafana = at(DeployFiles.yamlMap("docker-compose/docker-compose.yml"), "services", "grafana");
        String dashboardsPath = at(DeployFiles.yamlMap("docker-compose/grafana/provisioning/dashboards/weft.yml"), "providers", 0, "options", "path");
        assertTrue(((List<?>) grafana.get("volumes")).contains("../grafana/weft-dashboard.json:" + dashboardsPath + "/weft-dashboard.json:ro"));
        Map<String, Object> datasource = at(DeployFiles.yamlMap("docker-compose/grafana/provisioning/datasources/prometheus.yml"), "datasources", 0);
        assertEquals("prometheus", datasource.get("type"));
        assertEquals("http://prometheus:9090", datasource.get("url"), "the compose service name and Prometheus' port");
    }
}
