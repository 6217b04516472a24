package dev.weft.smoke.appserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * WildFly in standalone mode: {@code bin/standalone.sh} with a server base directory of its own
 * ({@code JBOSS_BASE_DIR}, a copy of the distribution's standalone/), app.war in its
 * deployments/ for the deployment scanner, and a copy of bin/standalone.conf ({@code RUN_CONF})
 * holding the one line the agent needs, written as standalone.conf's comments say:
 * {@code JAVA_OPTS="$JAVA_OPTS -javaagent:..."} or {@code MODULE_OPTS="-javaagent:..."}.
 * The heap is {@code JBOSS_JAVA_SIZING="-Xms64m -Xmx384m"}; every port is bound to 127.0.0.1.
 */
final class WildFly extends AppServer {

    /** Where standalone.conf adds the agent. */
    enum Agent { JAVA_OPTS, MODULE_OPTS }

    private final Agent agent;
    private int managementPort;
    private int httpsPort;
    private int managementHttpsPort;

    WildFly(Agent agent) {
        super("appserver-wildfly", "wildfly-");
        this.agent = agent;
    }

    @Override
    public String name() {
        return home.getFileName() + " (agent in " + agent + ")";
    }

    @Override
    protected void prepare(Path war, boolean withAgent) throws IOException {
        managementPort = dev.weft.smoke.Ports.free();
        httpsPort = dev.weft.smoke.Ports.free();
        managementHttpsPort = dev.weft.smoke.Ports.free();
        copy(home.resolve("standalone"), run.resolve("standalone"));
        Files.copy(war, run.resolve("standalone/deployments/app.war"));
        Path conf = run.resolve("standalone.conf");
        Files.copy(home.resolve("bin/standalone.conf"), conf);
        if (withAgent) {
            append(conf, "\n" + (agent == Agent.JAVA_OPTS
                    ? "JAVA_OPTS=\"$JAVA_OPTS -javaagent:" + agentJar() + "\""
                    : "MODULE_OPTS=\"-javaagent:" + agentJar() + "\"") + "\n");
        }
    }

    @Override
    protected List<String> command() {
        return List.of("sh", home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.http.port=" + httpPort, "-Djboss.https.port=" + httpsPort,
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + managementHttpsPort);
    }

    @Override
    protected void environment(Map<String, String> env, boolean withAgent) {
        env.put("JBOSS_HOME", home.toString());
        env.put("JBOSS_BASE_DIR", run.resolve("standalone").toString());
        env.put("RUN_CONF", run.resolve("standalone.conf").toString());
        env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx384m");
        // standalone.conf's default, not a workaround a developer's shell may carry (dev.weft.bootstrap)
        env.remove("JBOSS_MODULES_SYSTEM_PKGS");
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return filesEndingWith(run.resolve("standalone/log"), ".log");
    }
}
