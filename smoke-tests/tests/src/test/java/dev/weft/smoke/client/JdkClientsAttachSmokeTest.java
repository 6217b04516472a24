package dev.weft.smoke.client;

import static dev.weft.smoke.client.ClientSmokeTest.DURATION;
import static dev.weft.smoke.client.ClientSmokeTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The JDK's HTTP clients already loaded and used when the agent arrives (attached here; the same
 * happens at premain when something loads them first): their classes are retransformed, in
 * {@code java.base} and {@code java.net.http}, and the calls that follow are recorded.
 */
class JdkClientsAttachSmokeTest {

    @Test
    void classesLoadedBeforeTheAgentAreRetransformedAndRecord() throws Exception {
        try (Downstream downstream = Downstream.start();
             AgentJvm app = AgentJvm.app("java-http-client-app", "dev.weft.smoke.app.httpclient.LoadedBeforeTheAgent")
                     .arg(downstream.httpPort()).env("WEFT_PORT", String.valueOf(Ports.free()))
                     .withoutAgent().start()) {
            String jcmd = Paths.get(AgentJvm.java()).getParent().resolve("jcmd").toString();
            Process attach = new ProcessBuilder(jcmd, String.valueOf(app.pid()), "JVMTI.agent_load",
                    AgentJvm.agentJar().toString()).redirectErrorStream(true).start();
            String said = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, attach.waitFor(), said);
            app.awaitEndpoint();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!app.stdout().contains("DONE")) {
                assertTrue(app.isAlive() && System.nanoTime() < deadline, app.output());
                Thread.sleep(50);
            }

            int http = downstream.httpPort();
            Scrape scrape = app.scrape();
            assertEquals(1.0, scrape.value(DURATION + "_count", labels("GET", http, "503", "503")), app.output());
            assertEquals(1.0, scrape.value(DURATION + "_count", labels("GET", http, "404", "404")), app.output());
            assertEquals(2, scrape.samples(DURATION + "_count").size(),
                    "the calls before the agent are not recorded: " + scrape.samples(DURATION + "_count"));
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            assertEquals(0.0, scrape.value("weft_instrumentation_errors_total"));
        }
    }
}
