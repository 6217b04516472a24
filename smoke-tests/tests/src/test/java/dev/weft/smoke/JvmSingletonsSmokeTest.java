package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent creates no JVM-wide singleton that an application installs its own version of later
 * (WildFly's log manager and MBean server builder, set in its main): with the agent started,
 * its endpoint up and scraped, neither {@code java.util.logging.LogManager} nor the platform MBean
 * server exists until the application (chaos-loaders-app's SingletonsMain) asks for them on its main
 * thread, and then it gets the ones it configured.
 */
class JvmSingletonsSmokeTest {

    @Test
    void theApplicationCreatesTheLogManagerAndTheMBeanServerItself() throws Exception {
        Path trigger = Files.createTempDirectory("weft-singletons").resolve("claim");
        try (AgentJvm app = AgentJvm.app("chaos-loaders-app", "dev.weft.smoke.app.chaos.SingletonsMain")
                .jvmOption("-Djava.util.logging.manager=dev.weft.smoke.app.chaos.ProbeLogManager")
                .jvmOption("-Djavax.management.builder.initial=dev.weft.smoke.app.chaos.ProbeMBeanServerBuilder")
                .arg(trigger).start()) {
            for (int i = 0; i < 3; i++) {
                Scrape scrape = app.scrape();
                assertTrue(scrape.has("jvm_memory_used_bytes"), "JVM metrics are served:\n" + scrape.text());
                assertTrue(scrape.has("process_cpu_seconds_total"), "process metrics are served");
            }
            assertEquals(List.of(), created(app), "created before the application asked:\n" + app.output());
            Files.createFile(trigger);
            long deadline = System.nanoTime() + AgentJvm.START_TIMEOUT.toNanos();
            while (!app.stdout().contains("CLAIMED") && System.nanoTime() < deadline && app.isAlive()) {
                Thread.sleep(20);
            }
            assertEquals(List.of("created LogManager on main", "created MBeanServerBuilder on main"), created(app),
                    app.output());
            assertTrue(app.stdout().contains("log manager: ProbeLogManager"), app.output());
            assertTrue(app.scrape().has("jvm_threads_current"), "still serving after the application's claim");
        } finally {
            Files.deleteIfExists(trigger);
            Files.deleteIfExists(trigger.getParent());
        }
    }

    private static List<String> created(AgentJvm app) {
        return app.stdout().stream().filter(l -> l.startsWith("created ")).collect(Collectors.toList());
    }
}
