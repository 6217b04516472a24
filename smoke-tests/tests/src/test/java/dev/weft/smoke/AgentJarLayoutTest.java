package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built agent jar, entry by entry: what the JVM and the application can see in it. */
class AgentJarLayoutTest {

    /** The build's outputTimestamp on every entry: rebuilding the same sources gives the same bytes. */
    @Test
    void everyEntryHasTheFixedBuildTimeSoTheJarIsReproducible() throws IOException {
        List<String> stamped = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getLastModifiedTime().toInstant().equals(java.time.Instant.parse("2026-01-01T00:00:00Z"))) {
                    stamped.add(entry.getName() + " " + entry.getLastModifiedTime());
                }
            }
        }
        assertTrue(stamped.isEmpty(), "entries with another time: " + stamped);
    }

    /** 4 MB: docs/benchmarks.md ("Agent jar") says what is left out to stay there, and how. */
    @Test
    void theJarFitsInFourMegabytes() throws IOException {
        long size = java.nio.file.Files.size(AgentJvm.agentJar());
        assertTrue(size <= 4_000_000L, "weft-agent.jar is " + size + " bytes, over 4,000,000");
    }

    /**
     * The build leaves out the library classes the agent can never load; every class it keeps must
     * still load, its superclass and interfaces with it, from the agent's own class loader.
     */
    @Test
    void everyClassLeftInTheJarLoads() throws Exception {
        List<String> failed = new ArrayList<>();
        int loaded = 0;
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            ClassLoader loader = new ClassDataLoader(jar);
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".classdata") && name.startsWith("inst/dev/weft/shaded/")) {
                    String className = name.substring("inst/".length(), name.length() - ".classdata".length()).replace('/', '.');
                    try {
                        Class.forName(className, false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError error) {
                        failed.add(className + ": " + error);
                    }
                }
            }
        }
        assertEquals(new ArrayList<String>(), failed);
        assertTrue(loaded > 200, loaded + " library classes"); // ASM and the Prometheus client, some 300
    }

    /** Loads {@code inst/**.classdata} as the agent's loader does, the platform loader as parent. */
    private static final class ClassDataLoader extends ClassLoader {
        private final JarFile jar;

        ClassDataLoader(JarFile jar) {
            super(ClassLoader.getPlatformClassLoader());
            this.jar = jar;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry("inst/" + name.replace('.', '/') + ".classdata");
            if (entry == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    @Test
    void manifestNamesTheBootstrapEntryPoints() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.weft.bootstrap.WeftPremain", main.getValue("Premain-Class"));
            assertEquals("dev.weft.bootstrap.WeftPremain", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertNull(main.getValue("Boot-Class-Path"), "the bootstrap API is appended in premain, not by the manifest");
        }
    }

    @Test
    void onlyTheBootstrapApiIsLoadableByOtherClassLoaders() throws IOException {
        List<String> exposed = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("dev/weft/bootstrap/")) {
                    exposed.add(name);
                }
                assertTrue(name.startsWith("inst/") || name.startsWith("dev/") || name.startsWith("META-INF/"),
                        "unexpected top-level entry " + name);
                assertTrue(!name.contains("module-info") && !name.contains("META-INF/versions/"), name);
            }
        }
        assertEquals(new ArrayList<String>(), exposed, "class files outside dev/weft/bootstrap");
    }

    @Test
    void librariesAreRelocatedAndStoredAsClassData() throws IOException {
        int classData = 0;
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                assertTrue(!name.startsWith("inst/net/bytebuddy/") && !name.startsWith("inst/io/prometheus/"),
                        "not relocated: " + name);
                if (name.endsWith(".classdata")) {
                    classData++;
                }
            }
            assertTrue(jar.getJarEntry("inst/dev/weft/shaded/net/bytebuddy/jar/asm/ClassReader.classdata") != null);
            assertTrue(jar.getJarEntry("inst/dev/weft/shaded/io/prometheus/metrics/core/metrics/Histogram.classdata") != null);
            assertTrue(jar.getJarEntry("inst/META-INF/services/dev.weft.instrumentation.api.InstrumentationModule") != null);
        }
        assertTrue(classData > 500, classData + " classes under inst/");
    }

    @Test
    void everyClassIsJava8Bytecode() throws IOException {
        List<String> newer = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class") || entry.getName().endsWith(".classdata")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        DataInputStream data = new DataInputStream(in);
                        assertEquals(0xCAFEBABE, data.readInt(), entry.getName());
                        data.readUnsignedShort();
                        int major = data.readUnsignedShort();
                        // java.net.http first shipped in Java 11: that instrumentation alone is built for it;
                        // the transformer's module-aware variant is built for Java 9 and loaded only there
                        boolean java11Module = entry.getName().startsWith("inst/dev/weft/instrumentation/javahttpclient/");
                        boolean java9Class = entry.getName().equals(
                                "inst/dev/weft/agent/instrument/ModulePrefilteringTransformer.classdata");
                        if (major > (java11Module ? 55 : java9Class ? 53 : 52)) {
                            newer.add(entry.getName() + " (" + major + ")");
                        }
                    }
                }
            }
        }
        assertEquals(new ArrayList<String>(), newer, "classes newer than Java 8 (major 52), or 11 for java.net.http, or 9 for the module-aware transformer");
    }
}
