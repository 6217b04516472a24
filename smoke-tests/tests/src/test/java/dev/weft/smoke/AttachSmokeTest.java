package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to a servlet container that is already serving ({@code Agent-Class}): the
 * classes loaded before it are retransformed, and requests after the attach are recorded.
 */
class AttachSmokeTest {

    @Test
    void attachedToARunningTomcatItRecordsTheRequestsThatFollow() throws Exception {
        int appPort = Ports.free();
        int metricsPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain")
                .arg(appPort).env("WEFT_PORT", String.valueOf(metricsPort)).withoutAgent().start()) {
            String base = "http://127.0.0.1:" + appPort;
            assertEquals(200, Http.get(base + "/hello").statusCode(), "served before the agent is there");

            String jcmd = Paths.get(AgentJvm.java()).getParent().resolve("jcmd").toString();
            Process attach = new ProcessBuilder(jcmd, String.valueOf(app.pid()), "JVMTI.agent_load",
                    AgentJvm.agentJar().toString()).redirectErrorStream(true).start();
            String said = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, attach.waitFor(), said);
            assertTrue(said.contains("return code: 0"), said);
            app.awaitEndpoint();

            for (int i = 0; i < 3; i++) {
                assertEquals(200, Http.get(base + "/hello").statusCode());
            }
            assertEquals(200, Http.get(base + "/async").statusCode());
            Scrape scrape = app.scrape();
            for (int i = 0; i < 100 && scrape.samplesWith("http_server_request_duration_seconds_count",
                    "http_route", "/async").isEmpty(); i++) {
                Thread.sleep(50);
                scrape = app.scrape();
            }
            assertEquals(3.0, scrape.value("http_server_request_duration_seconds_count",
                    ServletContainerSmokeTest.labels("GET", "/hello", "200", "")), "only the requests after the attach");
            assertEquals(1.0, scrape.value("http_server_request_duration_seconds_count",
                    ServletContainerSmokeTest.labels("GET", "/async", "200", "")));
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            List<String> weft = app.weftLines();
            assertEquals(1, weft.size(), app.output());
            assertTrue(weft.get(0).contains("attached to a running JVM"), weft.get(0));
        }
    }
}
