package dev.weft.smoke.appserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.Http;
import dev.weft.smoke.Scrape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WildFly boots every time with the agent: ten boots in a row, the agent in JAVA_OPTS, each one
 * serving the war and the agent's endpoint, none with WildFly's complaint about the log manager
 * (WFLYLOG0078, "Failed to load the specified log manager class"). One boot in six failed so when
 * the agent's start thread created java.util.logging's LogManager or the platform MBean server
 * before JBoss Modules installed its own.
 */
@Tag("appserver")
class WildFlyRepeatedBootSmokeTest {

    private static final int BOOTS = 10;

    @Test
    void tenBootsWithTheAgentAllSucceed() throws Exception {
        List<Long> bootMillis = new ArrayList<>();
        for (int boot = 1; boot <= BOOTS; boot++) {
            try (WildFly server = new WildFly(WildFly.Agent.JAVA_OPTS)) {
                server.start(true, "http://127.0.0.1:9/unused");
                bootMillis.add(server.bootTime().toMillis());
                assertEquals(200, Http.get(server.url("/app/hello")).statusCode(), "boot " + boot + "\n" + server.log());
                Scrape scrape = Scrape.of(Http.get(server.metricsUrl()).body());
                assertTrue(scrape.value("weft_instrumented_classes_total") > 0, "boot " + boot);
                String log = server.log();
                assertFalse(log.contains("WFLYLOG0078") || log.contains("Failed to load the specified log manager"),
                        "boot " + boot + " logged the log-manager failure:\n" + log);
            }
        }
        System.out.println("WildFly boots with the agent, ms: " + bootMillis);
    }
}
