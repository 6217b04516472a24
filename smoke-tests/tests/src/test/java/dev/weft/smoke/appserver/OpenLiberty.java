package dev.weft.smoke.appserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty: {@code bin/server run weft} with a user directory of its own ({@code WLP_USER_DIR})
 * holding servers/weft: a server.xml with only servlet-6.0 and restfulWS-3.1 (RESTEasy in Liberty),
 * the HTTP endpoint on 127.0.0.1 and a free port, no HTTPS; app.war in apps/ at context root /app;
 * and a jvm.options with -Xmx256m and, in the agent run, the {@code -javaagent:} line, as Liberty's
 * docs say for JVM options of a server.
 */
final class OpenLiberty extends AppServer {

    OpenLiberty() {
        super("appserver-liberty", "wlp");
    }

    @Override
    public String name() {
        return "Open Liberty " + version();
    }

    private String version() {
        try {
            for (String line : Files.readAllLines(home.resolve("lib/versions/openliberty.properties"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("com.ibm.websphere.productVersion=")) {
                    return line.substring(line.indexOf('=') + 1).trim();
                }
            }
        } catch (IOException unreadable) {
            // the name is for messages only
        }
        return "?";
    }

    private Path server() {
        return run.resolve("usr/servers/weft");
    }

    @Override
    protected void prepare(Path war, boolean agent) throws IOException {
        Files.createDirectories(server().resolve("apps"));
        Files.copy(war, server().resolve("apps/app.war"));
        String xml = "<server description=\"Weft app-server smoke test\">\n"
                + "  <featureManager>\n"
                + "    <feature>servlet-6.0</feature>\n"
                + "    <feature>restfulWS-3.1</feature>\n"
                + "  </featureManager>\n"
                + "  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"" + httpPort + "\" httpsPort=\"-1\"/>\n"
                + "  <webApplication location=\"app.war\" contextRoot=\"/app\"/>\n"
                + "</server>\n";
        Files.write(server().resolve("server.xml"), xml.getBytes(StandardCharsets.UTF_8));
        String options = "-Xmx256m\n" + (agent ? "-javaagent:" + agentJar() + "\n" : "");
        Files.write(server().resolve("jvm.options"), options.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected List<String> command() {
        return List.of("sh", home.resolve("bin/server").toString(), "run", "weft");
    }

    @Override
    protected void environment(Map<String, String> env, boolean agent) {
        env.put("WLP_USER_DIR", run.resolve("usr").toString());
        env.remove("WLP_OUTPUT_DIR");
        env.remove("JVM_ARGS");
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        // console.log repeats the console; messages.log and the FFDC reports are Liberty's own
        List<Path> logs = filesEndingWith(server().resolve("logs"), ".log");
        logs.removeIf(p -> p.getFileName().toString().equals("console.log"));
        return logs;
    }
}
