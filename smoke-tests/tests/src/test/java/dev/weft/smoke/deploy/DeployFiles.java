package dev.weft.smoke.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files under {@code deploy/}, parsed: {@code DeployFiles.yaml("kubernetes/podmonitor.yaml")} gives
 * its documents as maps and lists, {@code DeployFiles.json("grafana/weft-dashboard.json")} a tree.
 */
final class DeployFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    static Path repo() {
        return Paths.get(System.getProperty("weft.repo", "../..")).toAbsolutePath().normalize();
    }

    static Path deploy(String relative) {
        Path path = repo().resolve("deploy").resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new AssertionError("missing " + path);
        }
        return path;
    }

    /** Every document of a YAML file, each a Map, List or scalar; strict: no duplicate keys, no custom tags. */
    static List<Object> yaml(String relative) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(deploy(relative))) {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(in)) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The only document of a YAML file, as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(String relative) throws IOException {
        List<Object> documents = yaml(relative);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new AssertionError(relative + " should hold one mapping, has " + documents);
        }
        return (Map<String, Object>) documents.get(0);
    }

    static JsonNode json(String relative) throws IOException {
        return JSON.readTree(deploy(relative).toFile());
    }

    /** Walks maps by key and lists by index: {@code at(doc, "spec", "template", "spec", "containers", 0)}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (step instanceof Integer && current instanceof List) {
                current = ((List<Object>) current).get((Integer) step);
            } else if (current instanceof Map) {
                current = ((Map<String, Object>) current).get(step);
            } else {
                throw new AssertionError("cannot take " + step + " of " + current);
            }
            if (current == null) {
                throw new AssertionError("no " + step + " in path " + java.util.Arrays.toString(path));
            }
        }
        return (T) current;
    }
}
