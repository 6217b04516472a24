package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.smoke.AgentJvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The image tar that {@code deploy/image} builds with Jib: unpacked here, it holds one layer with
 * exactly {@code /weft/weft-agent.jar}, byte-identical to the built agent jar, and nothing to run.
 */
class AgentImageTest {

    static final String JAR_IN_IMAGE = "/weft/weft-agent.jar";

    static Path imageTar() {
        return DeployFiles.repo().resolve("deploy/image/target/weft-agent-image.tar");
    }

    @Test
    void theOnlyLayerHoldsTheAgentJarByteForByte() throws Exception {
        Map<String, byte[]> archive;
        try (InputStream in = Files.newInputStream(imageTar())) {
            archive = ImageTar.read(in);
        }
        JsonNode manifest = DeployFiles.JSON.readTree(archive.get("manifest.json"));
        assertEquals(1, manifest.size(), "one image in the tar");
        assertEquals("weft-agent:0.1.0-SNAPSHOT", manifest.get(0).get("RepoTags").get(0).asText());
        JsonNode layers = manifest.get(0).get("Layers");
        assertEquals(1, layers.size(), "the agent is the image's only layer: " + layers);

        byte[] layerGz = archive.get(layers.get(0).asText());
        byte[] layerTar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(layerGz))) {
            layerTar = in.readAllBytes();
        }
        Map<String, byte[]> files = ImageTar.read(new ByteArrayInputStream(layerTar));
        System.out.println("image layer " + layers.get(0).asText() + ":");
        files.forEach((name, content) -> System.out.println("  " + name + " " + content.length + " bytes"));
        assertEquals(List.of("weft/", JAR_IN_IMAGE.substring(1)), List.copyOf(files.keySet()));
        assertArrayEquals(Files.readAllBytes(AgentJvm.agentJar()), files.get(JAR_IN_IMAGE.substring(1)),
                "the jar in the image is the built agent jar");

        // The config names the layer by the digest of its uncompressed tar, and runs nothing.
        JsonNode config = DeployFiles.JSON.readTree(archive.get(manifest.get(0).get("Config").asText()));
        assertEquals("sha256:" + sha256(layerTar), config.get("rootfs").get("diff_ids").get(0).asText());
        assertTrue(config.get("config").path("Entrypoint").isMissingNode() || config.get("config").get("Entrypoint").isNull());
        assertTrue(config.get("config").path("Cmd").isMissingNode() || config.get("config").get("Cmd").isNull());
        assertEquals("1970-01-01T00:00:00Z", config.get("created").asText(), "reproducible: fixed creation time");
        assertFalse(archive.keySet().stream().anyMatch(name -> name.contains("jib-classpath")));
    }

    @Test
    void dockerfilesUseTheSamePath() throws IOException {
        String image = Files.readString(DeployFiles.deploy("image/Dockerfile"));
        assertTrue(image.contains("COPY agent/target/weft-agent.jar " + JAR_IN_IMAGE), image);
        assertTrue(image.contains("\nFROM scratch\n"), "the default target is the scratch image");
        String app = Files.readString(DeployFiles.deploy("examples/app/Dockerfile"));
        assertTrue(app.contains("COPY --from=weft " + JAR_IN_IMAGE + " /weft/"), app);
        assertTrue(app.contains("JAVA_TOOL_OPTIONS=\"-javaagent:" + JAR_IN_IMAGE + "\""), app);
        assertTrue(app.contains("ARG WEFT_IMAGE=weft-agent:0.1.0-SNAPSHOT"), "defaults to the tag the Jib tar loads as");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
