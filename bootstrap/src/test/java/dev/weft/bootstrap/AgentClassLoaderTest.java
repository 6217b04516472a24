package dev.weft.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a jar in the agent's layout and loads from it, as the agent does at start-up. */
class AgentClassLoaderTest {

    /** Loaded from the test jar under inst/, a copy separate from the test class path's. */
    public static final class Sample implements Supplier<String> {
        @Override
        public String get() {
            return "from " + getClass().getClassLoader().getClass().getSimpleName();
        }
    }

    @TempDir
    Path dir;

    private File agentLayoutJar() throws IOException {
        File jar = dir.resolve("agent.jar").toFile();
        String sample = Sample.class.getName().replace('.', '/');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
            put(out, "inst/" + sample + ".classdata", bytesOf(sample + ".class"));
            put(out, "inst/META-INF/services/java.util.function.Supplier",
                    (Sample.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            put(out, "inst/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void loadsClassDataUnderInstAsItsOwnClasses() throws Exception {
        AgentClassLoader loader = new AgentClassLoader(agentLayoutJar());
        Class<?> loaded = loader.loadClass(Sample.class.getName());
        assertSame(loader, loaded.getClassLoader());
        assertNotSame(Sample.class, loaded);
        @SuppressWarnings("unchecked")
        Supplier<String> sample = (Supplier<String>) loaded.getConstructor().newInstance();
        assertEquals("from AgentClassLoader", sample.get());
        assertNotNull(loaded.getPackage(), "packages are defined, so getPackage() works on Java 8 too");
    }

    @Test
    void resourcesAndServicesAreFoundUnderInst() throws Exception {
        AgentClassLoader loader = new AgentClassLoader(agentLayoutJar());
        try (InputStream in = loader.getResourceAsStream("notes.txt")) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertNotNull(loader.getResource(Sample.class.getName().replace('.', '/') + ".class"),
                "class files are readable as resources: ByteBuddy reads advice this way");
        Supplier<?> service = ServiceLoader.load(Supplier.class, loader).iterator().next();
        assertSame(loader, service.getClass().getClassLoader());
    }

    @Test
    void anOrdinaryClassLoaderSeesNoClassInTheJar() throws Exception {
        try (URLClassLoader plain = new URLClassLoader(new URL[] {agentLayoutJar().toURI().toURL()}, null)) {
            assertThrows(ClassNotFoundException.class, () -> plain.loadClass(Sample.class.getName()));
            assertNull(plain.getResource(Sample.class.getName().replace('.', '/') + ".class"));
        }
    }

    @Test
    void entryNames() {
        assertEquals("inst/a/B.classdata", AgentClassLoader.entryName("a/B.class"));
        assertEquals("inst/a/B.classdata", AgentClassLoader.entryName("/a/B.class"));
        assertEquals("inst/META-INF/services/x", AgentClassLoader.entryName("META-INF/services/x"));
    }

    private static byte[] bytesOf(String resource) throws IOException {
        try (InputStream in = AgentClassLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    @Test
    void theParentIsThePlatformLoaderNotTheApplications() throws Exception {
        assertSame(ClassLoader.getPlatformClassLoader(), AgentClassLoader.platformLoader());
        assertSame(ClassLoader.getPlatformClassLoader(), new AgentClassLoader(agentLayoutJar()).getParent());
    }
}
