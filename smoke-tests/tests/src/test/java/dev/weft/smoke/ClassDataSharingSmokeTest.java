package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent leaves the JVM's class data sharing on: no "Sharing is only supported for boot loader
 * classes" warning, and an application archived on its own (a dynamic AppCDS archive; on JDK 25 also
 * an AOT cache, made with {@code --add-modules=java.instrument} since {@code -javaagent} adds that
 * module and the cache holds the module graph) still loads its own classes from the archive when
 * started with the agent. Before,
 * the agent appended its jar to the boot class path, which turns sharing off for every class outside
 * the boot loader.
 */
class ClassDataSharingSmokeTest {

    private static final String MAIN = "dev.weft.smoke.app.chaos.ArchivedMain";
    private static final String JETTY = "dev.weft.smoke.app.jakarta.JettyMain";
    private static final String FROM_ARCHIVE = MAIN + " source: shared objects file";
    private static final Duration EXIT = Duration.ofSeconds(60);

    private Path dir;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("weft-cds");
    }

    @AfterEach
    void deleteDir() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void anApplicationsDynamicArchiveStillServesItsClassesWithTheAgent() throws Exception {
        Path archive = dir.resolve("app.jsa");
        run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutAgent().jvmOption("-XX:ArchiveClassesAtExit=" + archive));
        assertTrue(Files.size(archive) > 0, "the JVM wrote the archive");
        AgentJvm withAgent = run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutEndpoint()
                .jvmOption("-XX:SharedArchiveFile=" + archive).jvmOption("-Xlog:class+load=info"));
        assertNoSharingWarning(withAgent);
        assertTrue(withAgent.stdout().stream().anyMatch(l -> l.contains(FROM_ARCHIVE)),
                "the app's class came from its archive:\n" + withAgent.output());
    }

    @Test
    void anApplicationsAotCacheStillServesItsClassesWithTheAgentOnJava25() throws Exception {
        AgentJvm probe = run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutAgent());
        Assumptions.assumeTrue(probe.stdout().stream().anyMatch(l -> l.matches("feature (2[5-9]|[3-9]\\d)")),
                "-XX:AOTCache needs JDK 25");
        Path config = dir.resolve("app.aotconf");
        Path cache = dir.resolve("app.aot");
        // an AOT cache holds the module graph: -javaagent adds java.instrument, so the cache must have it too
        run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutAgent().jvmOption("--add-modules=java.instrument")
                .jvmOption("-XX:AOTMode=record").jvmOption("-XX:AOTConfiguration=" + config));
        // the create step runs no main method: started directly, not as an app
        Process create = new ProcessBuilder(AgentJvm.java(), "--add-modules=java.instrument", "-XX:AOTMode=create", "-XX:AOTConfiguration=" + config,
                "-XX:AOTCache=" + cache, "-cp", AgentJvm.classPath("chaos-loaders-app", true), MAIN)
                .redirectErrorStream(true).redirectOutput(dir.resolve("create.log").toFile()).start();
        assertTrue(create.waitFor(EXIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "AOT cache creation hangs");
        assertEquals(0, create.exitValue(), Files.readString(dir.resolve("create.log")));
        AgentJvm withAgent = run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutEndpoint()
                .jvmOption("-XX:AOTCache=" + cache).jvmOption("-Xlog:class+load=info"));
        assertNoSharingWarning(withAgent);
        assertTrue(withAgent.stdout().stream().anyMatch(l -> l.contains(FROM_ARCHIVE)),
                "the app's class came from its AOT cache:\n" + withAgent.output());
    }

    /**
     * An AOT cache loads the application's classes it holds before any agent starts, so they never
     * pass the agent's class-file transformer: the servlet API and the servlets of an archived Jetty
     * app must still be woven (by retransformation) and its requests recorded.
     */
    @Test
    void classesAnAotCacheLoadedBeforeTheAgentAreStillWovenOnJava25() throws Exception {
        AgentJvm probe = run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutAgent());
        Assumptions.assumeTrue(probe.stdout().stream().anyMatch(l -> l.matches("feature (2[5-9]|[3-9]\\d)")),
                "-XX:AOTCache needs JDK 25");
        Path config = dir.resolve("jetty.aotconf");
        Path cache = dir.resolve("jetty.aot");
        int trainingPort = Ports.free();
        try (AgentJvm training = AgentJvm.app("servlet-jakarta-app", JETTY).fromJar().withoutAgent()
                .jvmOption("--add-modules=java.instrument").jvmOption("-XX:AOTMode=record")
                .jvmOption("-XX:AOTConfiguration=" + config).arg(trainingPort).start()) {
            ServerRuns.get(trainingPort, "/hello");
        } // stopped by SIGTERM: the JVM writes the configuration as it exits
        Process create = new ProcessBuilder(AgentJvm.java(), "--add-modules=java.instrument", "-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                "-cp", AgentJvm.classPath("servlet-jakarta-app", true), JETTY)
                .redirectErrorStream(true).redirectOutput(dir.resolve("create-jetty.log").toFile()).start();
        assertTrue(create.waitFor(EXIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "AOT cache creation hangs");
        assertEquals(0, create.exitValue(), Files.readString(dir.resolve("create-jetty.log")));
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", JETTY).fromJar().jvmOption("--add-modules=java.instrument")
                .jvmOption("-XX:AOTCache=" + cache).jvmOption("-Xlog:class+load=info").arg(port).start()) {
            assertTrue(app.stdout().stream().anyMatch(l -> l.contains("jakarta.servlet.http.HttpServlet source: shared objects file")),
                    "the servlet API came from the AOT cache:\n" + app.output());
            ServerRuns.drive(port, List.of("/hello", "/hello", "/hello"));
            ServerRuns.awaitTotal(app, 3);
            assertEquals(3.0, app.scrape().value("http_server_request_duration_seconds_count",
                    "http_request_method", "GET", "http_route", "/hello", "http_response_status_code", "200"), app.output());
        }
    }

    @Test
    void theAgentAloneCausesNoSharingWarning() throws Exception {
        AgentJvm app = run(AgentJvm.app("chaos-loaders-app", MAIN).fromJar().withoutEndpoint());
        assertNoSharingWarning(app);
        List<String> weft = app.weftLines();
        assertTrue(weft.isEmpty() || weft.stream().noneMatch(l -> l.contains("could not start")), app.output());
    }

    private static AgentJvm run(AgentJvm.Builder builder) throws Exception {
        AgentJvm jvm = builder.start();
        try {
            assertEquals(0, jvm.awaitExit(EXIT), jvm.output());
            return jvm;
        } finally {
            jvm.close();
        }
    }

    private static void assertNoSharingWarning(AgentJvm jvm) {
        for (String line : jvm.stderr()) {
            assertFalse(line.contains("Sharing is only supported"), jvm.output());
        }
        for (String line : jvm.stdout()) {
            assertFalse(line.contains("Sharing is only supported"), jvm.output());
        }
    }
}
