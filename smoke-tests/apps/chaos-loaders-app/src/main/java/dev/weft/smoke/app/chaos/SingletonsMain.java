package dev.weft.smoke.app.chaos;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.LogManager;

/**
 * An application that installs its own JVM-wide singletons late, as WildFly does: it is started with
 * {@code -Djava.util.logging.manager=}{@link ProbeLogManager} and
 * {@code -Djavax.management.builder.initial=}{@link ProbeMBeanServerBuilder}, touches neither until the
 * file {@code args[0]} appears, then claims both on its main thread and prints what it got. Each probe
 * prints the thread that created it, so a creation by anyone else (the agent) is seen.
 */
public final class SingletonsMain {

    public static void main(String[] args) throws Exception {
        Path trigger = Paths.get(args[0]);
        System.out.println("READY");
        while (!Files.exists(trigger)) {
            Thread.sleep(20);
        }
        System.out.println("log manager: " + LogManager.getLogManager().getClass().getSimpleName());
        ManagementFactory.getPlatformMBeanServer();
        System.out.println("CLAIMED");
        Thread.sleep(Long.MAX_VALUE);
    }
}
