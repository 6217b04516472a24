package dev.weft.smoke.appserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Jetty 12 home, as its documentation runs it: a {@code jetty.base} of its own with the {@code http},
 * {@code ee10-deploy} and {@code ee10-annotations} modules (the war declares its servlets by
 * annotation) added by {@code start.jar --add-modules}, app.war in its webapps/,
 * and the server started by {@code java -jar $JETTY_HOME/start.jar} from that base, the agent as that
 * command's {@code -javaagent} (start.jar runs the server in its own JVM unless a module needs
 * {@code --exec}; none of these does). The connector on 127.0.0.1 and a free port, given as
 * {@code jetty.http.*} properties on the command line; heap -Xmx256m in both runs.
 */
class JettyHome extends AppServer {

    private boolean agent;

    JettyHome() {
        super("appserver-jetty12", "jetty-home-");
    }

    @Override
    public String name() {
        return home.getFileName().toString();
    }

    @Override
    protected void prepare(Path war, boolean agent) throws IOException {
        this.agent = agent;
        Process addModules = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + run, "--add-modules=http,ee10-deploy,ee10-annotations")
                .directory(run.toFile()).redirectErrorStream(true).redirectOutput(run.resolve("add-modules.log").toFile())
                .start();
        try {
            if (!addModules.waitFor(60, TimeUnit.SECONDS) || addModules.exitValue() != 0) {
                addModules.destroyForcibly();
                throw new IllegalStateException("start.jar --add-modules failed:\n"
                        + String.join("\n", Files.readAllLines(run.resolve("add-modules.log"))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.createDirectories(run.resolve("webapps"));
        Files.copy(war, run.resolve("webapps/app.war"));
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms32m", "-Xmx256m"));
        if (agent) {
            command.add("-javaagent:" + agentJar());
        }
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home, "jetty.base=" + run,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + httpPort));
        return command;
    }

    @Override
    protected void environment(Map<String, String> env, boolean agent) {
        env.remove("JETTY_HOME");
        env.remove("JETTY_BASE");
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return filesEndingWith(run.resolve("logs"), ".log");
    }

    private static String java() {
        return javaHome().resolve("bin/java").toString();
    }
}
