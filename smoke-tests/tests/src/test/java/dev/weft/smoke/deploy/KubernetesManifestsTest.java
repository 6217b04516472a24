package dev.weft.smoke.deploy;

import static dev.weft.smoke.deploy.DeployFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples under deploy/kubernetes and the annotation scrape config agree with each other and
 * with the image: the agent path, the metrics port, the labels that select the pods.
 */
class KubernetesManifestsTest {

    static final String AGENT_OPTION = "-javaagent:" + AgentImageTest.JAR_IN_IMAGE;
    static final int METRICS_PORT = 9464;

    @Test
    void initContainerCopiesTheAgentWhereTheAppLoadsIt() throws Exception {
        Map<String, Object> pod = podSpec("kubernetes/deployment-init-container.yaml");
        Map<String, Object> init = at(pod, "initContainers", 0);
        List<String> command = at(init, "command");
        String dockerfile = java.nio.file.Files.readString(DeployFiles.deploy("image/Dockerfile"));
        assertTrue(dockerfile.contains("AS init\n"), "the init image is a target of deploy/image/Dockerfile");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"" + String.join("\", \"", command) + "\"]"),
                "the manifest runs the init image's own entrypoint " + command);
        assertEquals(AgentImageTest.JAR_IN_IMAGE, command.get(1), "copies the jar from where the image holds it");
        String copiedTo = command.get(2);
        Map<String, Object> initMount = at(init, "volumeMounts", 0);
        assertTrue(copiedTo.startsWith(initMount.get("mountPath") + "/"), copiedTo + " is in the shared volume");
        String volume = (String) initMount.get("name");
        assertTrue(at(volumeNamed(pod, volume), "emptyDir") instanceof Map, "an emptyDir");

        Map<String, Object> app = at(pod, "containers", 0);
        String jarInApp = mountPathOf(app, volume) + copiedTo.substring(((String) initMount.get("mountPath")).length());
        assertEquals(AgentImageTest.JAR_IN_IMAGE, jarInApp, "the app sees the copied jar at the image's path");
        assertAppLoadsAgentAndExposesPort(app);
    }

    @Test
    void imageVolumeMountsTheScratchImage() throws Exception {
        Map<String, Object> pod = podSpec("kubernetes/deployment-image-volume.yaml");
        Map<String, Object> app = at(pod, "containers", 0);
        Map<String, Object> mount = at(app, "volumeMounts", 0);
        Map<String, Object> image = at(volumeNamed(pod, (String) mount.get("name")), "image");
        assertTrue(((String) image.get("reference")).contains("weft-agent:"), "mounts the agent image");
        // The volume holds the image's root; subPath picks a folder of it.
        String inImage = AgentImageTest.JAR_IN_IMAGE.substring(1);
        String subPath = (String) mount.getOrDefault("subPath", "");
        assertTrue(subPath.isEmpty() || inImage.startsWith(subPath + "/"), "subPath " + subPath + " holds the jar");
        String inVolume = subPath.isEmpty() ? inImage : inImage.substring(subPath.length() + 1);
        assertEquals(AgentImageTest.JAR_IN_IMAGE, mount.get("mountPath") + "/" + inVolume, "the app sees the jar at the image's path");
        assertEquals(Boolean.TRUE, mount.get("readOnly"));
        assertAppLoadsAgentAndExposesPort(app);
    }

    @Test
    void podAnnotationsMatchThePortAndTheScrapeConfigReadsThem() throws Exception {
        for (String file : List.of("kubernetes/deployment-init-container.yaml", "kubernetes/deployment-image-volume.yaml")) {
            Map<String, Object> deployment = deployment(file);
            Map<String, String> annotations = at(deployment, "spec", "template", "metadata", "annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"), file);
            assertEquals(String.valueOf(METRICS_PORT), annotations.get("prometheus.io/port"), file);
            assertEquals("/metrics", annotations.get("prometheus.io/path"), file);
            assertEquals(DeployFiles.<Object>at(deployment, "spec", "selector", "matchLabels"),
                    DeployFiles.<Object>at(deployment, "spec", "template", "metadata", "labels"), file + ": the selector matches the pods");
        }
        // Prometheus turns each annotation into __meta_kubernetes_pod_annotation_<name, non-alphanumerics as _>.
        Map<String, Object> config = DeployFiles.yamlMap("prometheus/prometheus-kubernetes.yml");
        List<Map<String, Object>> relabels = at(config, "scrape_configs", 0, "relabel_configs");
        String joined = relabels.toString();
        for (String annotation : List.of("prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path")) {
            String meta = "__meta_kubernetes_pod_annotation_" + annotation.replaceAll("[^a-zA-Z0-9]", "_");
            assertTrue(joined.contains(meta), "the scrape config reads " + annotation);
        }
        Map<String, Object> address = relabels.stream()
                .filter(r -> "__address__".equals(r.get("target_label"))).findFirst().orElseThrow();
        java.util.regex.Matcher m = Pattern.compile((String) address.get("regex")).matcher("10.1.2.3:8080;" + METRICS_PORT);
        assertTrue(m.matches());
        assertEquals("10.1.2.3:" + METRICS_PORT, ((String) address.get("replacement")).replace("$1", m.group(1)).replace("$2", m.group(2)));
    }

    @Test
    void monitorsSelectThePodsAndTheirMetricsPort() throws Exception {
        Map<String, Object> podLabels = at(deployment("kubernetes/deployment-init-container.yaml"), "spec", "template", "metadata", "labels");
        Map<String, Object> podMonitor = DeployFiles.yamlMap("kubernetes/podmonitor.yaml");
        assertEquals("PodMonitor", podMonitor.get("kind"));
        assertTrue(podLabels.entrySet().containsAll(DeployFiles.<Map<String, Object>>at(podMonitor, "spec", "selector", "matchLabels").entrySet()));
        assertEquals("metrics", DeployFiles.<Object>at(podMonitor, "spec", "podMetricsEndpoints", 0, "port"));
        assertEquals("/metrics", DeployFiles.<Object>at(podMonitor, "spec", "podMetricsEndpoints", 0, "path"));

        List<Object> documents = DeployFiles.yaml("kubernetes/servicemonitor.yaml");
        Map<String, Object> service = kind(documents, "Service");
        Map<String, Object> serviceMonitor = kind(documents, "ServiceMonitor");
        assertTrue(podLabels.entrySet().containsAll(DeployFiles.<Map<String, Object>>at(service, "spec", "selector").entrySet()));
        Map<String, Object> servicePort = ((List<Map<String, Object>>) at(service, "spec", "ports")).stream()
                .filter(p -> Objects.equals(p.get("name"), at(serviceMonitor, "spec", "endpoints", 0, "port")))
                .findFirst().orElseThrow(() -> new AssertionError("the ServiceMonitor's port is not a port of the Service"));
        assertEquals("metrics", servicePort.get("targetPort"), "the Service forwards to the container's metrics port");
        assertTrue(at(service, "metadata", "labels").equals(at(serviceMonitor, "spec", "selector", "matchLabels")));
    }

    private static void assertAppLoadsAgentAndExposesPort(Map<String, Object> app) {
        List<Map<String, Object>> env = at(app, "env");
        assertTrue(env.contains(Map.of("name", "JAVA_TOOL_OPTIONS", "value", AGENT_OPTION)), env.toString());
        assertTrue(env.contains(Map.of("name", "WEFT_PORT", "value", String.valueOf(METRICS_PORT))), env.toString());
        List<Map<String, Object>> ports = at(app, "ports");
        assertTrue(ports.contains(Map.of("name", "metrics", "containerPort", METRICS_PORT)), ports.toString());
        assertEquals("/-/healthy", DeployFiles.<Object>at(app, "readinessProbe", "httpGet", "path"), "the agent's health path");
    }

    private static Map<String, Object> deployment(String file) throws Exception {
        Map<String, Object> deployment = DeployFiles.yamlMap(file);
        assertEquals("apps/v1", deployment.get("apiVersion"));
        assertEquals("Deployment", deployment.get("kind"));
        return deployment;
    }

    private static Map<String, Object> podSpec(String file) throws Exception {
        return at(deployment(file), "spec", "template", "spec");
    }

    private static Map<String, Object> volumeNamed(Map<String, Object> pod, String name) {
        return ((List<Map<String, Object>>) at(pod, "volumes")).stream().filter(v -> name.equals(v.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String mountPathOf(Map<String, Object> container, String volume) {
        return ((List<Map<String, Object>>) at(container, "volumeMounts")).stream().filter(m -> volume.equals(m.get("name")))
                .map(m -> (String) m.get("mountPath")).findFirst().orElseThrow(() -> new AssertionError("no mount of " + volume));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kind(List<Object> documents, String kind) {
        return documents.stream().map(d -> (Map<String, Object>) d).filter(d -> kind.equals(d.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }
}
