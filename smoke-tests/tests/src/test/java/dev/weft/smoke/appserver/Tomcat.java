package dev.weft.smoke.appserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Tomcat distribution (Tomcat itself, or TomEE, which is Tomcat with Jakarta EE in lib/):
 * {@code bin/catalina.sh run} with a {@code CATALINA_BASE} of its own (the distribution's conf/,
 * the connector on 127.0.0.1 and a free port, no shutdown port), app.war in its webapps/, and the
 * agent in {@code CATALINA_OPTS}, as RUNNING.txt and catalina.sh's comments describe for JVM
 * options of the server. Heap: -Xmx256m in CATALINA_OPTS in both runs.
 */
class Tomcat extends AppServer {

    Tomcat() {
        this("appserver-tomcat11", "apache-tomcat-");
    }

    Tomcat(String module, String distributionPrefix) {
        super(module, distributionPrefix);
    }

    @Override
    public String name() {
        return home.getFileName().toString();
    }

    @Override
    protected void prepare(Path war, boolean agent) throws IOException {
        copy(home.resolve("conf"), run.resolve("conf"));
        for (String dir : new String[] {"webapps", "logs", "temp", "work"}) {
            Files.createDirectories(run.resolve(dir));
        }
        edit(run.resolve("conf/server.xml"),
                "<Server port=\"8005\"", "<Server port=\"-1\"",
                "<Connector port=\"8080\"", "<Connector port=\"" + httpPort + "\" address=\"127.0.0.1\"");
        Files.copy(war, run.resolve("webapps/app.war"));
    }

    @Override
    protected List<String> command() {
        return List.of("sh", home.resolve("bin/catalina.sh").toString(), "run");
    }

    @Override
    protected void environment(Map<String, String> env, boolean agent) {
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", run.toString());
        env.put("CATALINA_OPTS", "-Xms32m -Xmx256m" + (agent ? " -javaagent:" + agentJar() : ""));
        env.remove("CATALINA_PID");
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return filesEndingWith(run.resolve("logs"), ".log");
    }
}
