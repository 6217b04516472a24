package dev.weft.smoke.appserver;

import dev.weft.smoke.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * GlassFish: {@code bin/asadmin start-domain --verbose} (the domain JVM stays a child of asadmin,
 * as in GlassFish's container images) on a copy of domain1 in a domain directory of its own; every
 * listener of server-config on 127.0.0.1 and a free port; app.war in the domain's autodeploy/;
 * the agent as a {@code <jvm-options>} entry of server-config in domain.xml, which is what
 * {@code asadmin create-jvm-options} writes. The heap is domain.xml's own -Xmx512m.
 */
final class GlassFish extends AppServer {

    GlassFish() {
        super("appserver-glassfish", "glassfish");
    }

    @Override
    public String name() {
        return "GlassFish 7";
    }

    @Override
    protected void prepare(Path war, boolean agent) throws IOException {
        copy(home.resolve("glassfish/domains/domain1"), run.resolve("domain1"));
        Path domainXml = run.resolve("domain1/config/domain.xml");
        edit(domainXml,
                "port=\"8080\" protocol=\"http-listener-1\"", "address=\"127.0.0.1\" port=\"" + httpPort + "\" protocol=\"http-listener-1\"",
                "port=\"8181\" protocol=\"http-listener-2\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\" protocol=\"http-listener-2\"",
                "port=\"4848\" protocol=\"admin-listener\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\" protocol=\"admin-listener\"",
                "address=\"0.0.0.0\" port=\"3700\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\"",
                "address=\"0.0.0.0\" port=\"3820\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\"",
                "address=\"0.0.0.0\" port=\"3920\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\"",
                "address=\"0.0.0.0\" port=\"8686\"", "address=\"127.0.0.1\" port=\"" + Ports.free() + "\"",
                "name=\"JMS_PROVIDER_PORT\" value=\"7676\"", "name=\"JMS_PROVIDER_PORT\" value=\"" + Ports.free() + "\"",
                "-Dosgi.shell.telnet.port=6666", "-Dosgi.shell.telnet.port=" + Ports.free(),
                // server-config has no jms-service: the embedded broker's lazy listener would bind every address
                "\n      <connector-service ", "\n      <jms-service type=\"EMBEDDED\" default-jms-host=\"default_JMS_host\">"
                        + "<jms-host name=\"default_JMS_host\" host=\"127.0.0.1\" port=\"${JMS_PROVIDER_PORT}\""
                        + " admin-user-name=\"admin\" admin-password=\"admin\" lazy-init=\"true\"/></jms-service>\n      <connector-service ");
        if (agent) {
            // server-config's java-config comes first; default-config (a template for new instances) stays as it is
            String xml = new String(Files.readAllBytes(domainXml), StandardCharsets.UTF_8);
            String heap = "<jvm-options>-Xmx512m</jvm-options>";
            int at = xml.indexOf(heap);
            if (at < 0 || at > xml.indexOf("<config name=\"default-config\"")) {
                throw new IllegalStateException("no server-config heap option in " + domainXml);
            }
            xml = xml.substring(0, at) + heap + "\n        <jvm-options>-javaagent:" + agentJar() + "</jvm-options>"
                    + xml.substring(at + heap.length());
            Files.write(domainXml, xml.getBytes(StandardCharsets.UTF_8));
        }
        Files.copy(war, run.resolve("domain1/autodeploy/app.war"));
    }

    @Override
    protected List<String> command() {
        return List.of("sh", home.resolve("bin/asadmin").toString(), "start-domain", "--verbose",
                "--domaindir", run.toString(), "domain1");
    }

    @Override
    protected void environment(Map<String, String> env, boolean agent) {
        env.put("AS_JAVA", javaHome().toString());
    }

    @Override
    protected List<Path> logFiles() throws IOException {
        return filesEndingWith(run.resolve("domain1/logs"), ".log");
    }
}
