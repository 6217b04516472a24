package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that embedded Tomcat 10.1 answers without any servlet are recorded, once: a path outside
 * every context (Tomcat's own 404, {@code unmatched}) and a request the BASIC authenticator refuses
 * (401, the route its mapping gives). Requests that reach a servlet keep their servlet's route and
 * are not counted again. With the {@code tomcat} module disabled the container's answers are missing,
 * as they were before it; the answers are the same with the agent, without it, and with the module off.
 */
class ContainerAnswersSmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));

    private static List<String> drive(int port) throws Exception {
        String base = "http://127.0.0.1:" + port;
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(answer(Http.get(base + "/shop/hello")));
            answers.add(answer(Http.get(base + "/nowhere/x" + i)));
        }
        for (int i = 0; i < 3; i++) {
            answers.add(answer(Http.get(base + "/secure/admin")));
        }
        answers.add(answer(Http.get(base + "/secure/admin", "Authorization", AUTH)));
        answers.add(answer(Http.get(base + "/shop/missing")));
        return answers;
    }

    /** The status and body; Tomcat's error pages carry its version, which is the same in all runs. */
    private static String answer(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }

    private static String[] labels(String route, String status) {
        return ServletContainerSmokeTest.labels("GET", route, status, "");
    }

    private static Scrape awaitTotal(AgentJvm app, double total) throws Exception {
        Scrape scrape = app.scrape();
        for (int i = 0; i < 100 && sum(scrape) < total; i++) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        return scrape;
    }

    private static double sum(Scrape scrape) {
        return scrape.samples(COUNT).stream().mapToDouble(s -> s.value).sum();
    }

    @Test
    void theContainersOwnAnswersAreRecordedOnceAndServletRequestsAsBefore() throws Exception {
        List<String> without;
        int port = Ports.free();
        try (AgentJvm plain = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.ContainerAnswersTomcatMain")
                .arg(port).withoutAgent().start()) {
            without = drive(port);
        }
        port = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.ContainerAnswersTomcatMain")
                .arg(port).start()) {
            assertEquals(without, drive(port));
            Scrape scrape = awaitTotal(app, 9);
            assertEquals(2.0, scrape.value(COUNT, labels("/shop/hello", "200")), scrape.text());
            // two outside every context, and /shop/missing: /shop has no default servlet, Tomcat answers
            assertEquals(3.0, scrape.value(COUNT, labels("unmatched", "404")), scrape.text());
            assertEquals(3.0, scrape.value(COUNT, labels("/secure/admin", "401")), scrape.text());
            assertEquals(1.0, scrape.value(COUNT, labels("/secure/admin/*", "200")), scrape.text());
            assertEquals(9.0, sum(scrape), "every request once: " + scrape.samples(COUNT));
            assertTrue(app.weftLines().stream().noneMatch(l -> l.contains("error")), app.weftLines().toString());
        }
        port = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.ContainerAnswersTomcatMain")
                .arg(port).env("WEFT_INSTRUMENTATIONS_DISABLED", "tomcat").start()) {
            assertEquals(without, drive(port));
            Scrape scrape = awaitTotal(app, 3);
            Thread.sleep(300); // nothing more should arrive; a late count would show here
            scrape = app.scrape();
            assertEquals(3.0, sum(scrape), "only the servlets' requests: " + scrape.samples(COUNT));
            assertEquals(0, scrape.samplesWith(COUNT, "http_response_status_code", "404").size(), scrape.text());
            assertEquals(0, scrape.samplesWith(COUNT, "http_response_status_code", "401").size(), scrape.text());
        }
    }
}
