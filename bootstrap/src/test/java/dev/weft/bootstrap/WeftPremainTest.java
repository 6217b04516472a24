package dev.weft.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The agent jar's file, from the code-source URLs the JVM and agent-loading launchers hand over. */
class WeftPremainTest {

    private final File jar = new File("/opt/weft dir/weft-agent.jar").getAbsoluteFile();

    @Test
    void aFileUrlNamesTheJar() throws Exception {
        assertEquals(jar, WeftPremain.fileOf(jar.toURI().toURL()));
    }

    @Test
    void aJarUrlAsJbossModulesGivesNamesTheJarInsideIt() throws Exception {
        assertEquals(jar, WeftPremain.fileOf(new URL("jar:" + jar.toURI() + "!/")));
        assertEquals(jar, WeftPremain.fileOf(new URL("jar:" + jar.toURI() + "!/dev/weft/bootstrap/WeftPremain.class")));
    }

    @Test
    void otherUrlsNameNoFile() throws Exception {
        assertNull(WeftPremain.fileOf(null));
        assertNull(WeftPremain.fileOf(new URL("http://127.0.0.1/weft-agent.jar")));
        assertNull(WeftPremain.fileOf(new File(".").getAbsoluteFile().toURI().toURL()), "a folder is not the agent jar");
    }
}
