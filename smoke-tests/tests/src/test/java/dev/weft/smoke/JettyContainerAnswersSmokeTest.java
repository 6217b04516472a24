package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests embedded Jetty answers without any servlet are recorded, once: a path outside every
 * context (no handler takes it: Jetty's 404, {@code unmatched}) and a request the BASIC security
 * handler refuses (401, the route its context and servlet mapping give). Requests that reach a
 * servlet keep their servlet's route and are not counted again; {@code /shop/missing} is Jetty's
 * default 404 servlet's. With the Jetty module disabled (one run per module: jetty for 9.4 to 11,
 * jetty-12) the container's answers are missing, as they were before it; the answers are the same
 * with the agent, without it, and with the module off.
 */
class JettyContainerAnswersSmokeTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final Pattern SERVLET_NAME_HASH = Pattern.compile("(SERVLET:</th><td>[^<]*)-[0-9a-f]+</td>");
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));

    private static List<String> drive(int port) throws Exception {
        String base = "http://127.0.0.1:" + port;
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(answer(Http.get(base + "/shop/hello"), port));
            answers.add(answer(Http.get(base + "/nowhere/x" + i), port));
        }
        for (int i = 0; i < 3; i++) {
            answers.add(answer(Http.get(base + "/secure/admin"), port));
        }
        answers.add(answer(Http.get(base + "/secure/admin", "Authorization", AUTH), port));
        answers.add(answer(Http.get(base + "/shop/missing"), port));
        return answers;
    }

    /**
     * The status and body. Jetty's error pages show the request's URL, whose port differs from run to
     * run, and 9.4's and 10's the servlet's name, which ends in an identity hash code.
     */
    private static String answer(HttpResponse<String> r, int port) {
        return r.statusCode() + " " + SERVLET_NAME_HASH.matcher(r.body().replace("127.0.0.1:" + port, "127.0.0.1:PORT"))
                .replaceAll("$1</td>");
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
        Thread.sleep(300); // nothing more should arrive; a second recording would show here
        return app.scrape();
    }

    private static double sum(Scrape scrape) {
        return scrape.samples(COUNT).stream().mapToDouble(s -> s.value).sum();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Servlet 3.1 has no HttpServletMapping: the servlet modules route by the servlet path there
        "Jetty 9.4, servlet3-app, dev.weft.smoke.app.servlet3.ContainerAnswersJettyMain, /secure/admin, ",
        "Jetty 10, servlet-javax-app, dev.weft.smoke.app.javax.ContainerAnswersJettyMain, /secure/admin/*, jetty",
        "Jetty 11, jetty11-app, dev.weft.smoke.app.jetty11.ContainerAnswersJettyMain, /secure/admin/*, ",
        "Jetty 12 ee10, servlet-jakarta-app, dev.weft.smoke.app.jakarta.ContainerAnswersJettyMain, /secure/admin/*, jetty-12",
    })
    void theServersOwnAnswersAreRecordedOnceAndServletRequestsAsBefore(String server, String app, String main,
                                                                        String servletRoute, String module)
            throws Exception {
        List<String> without;
        int port = Ports.free();
        try (AgentJvm plain = AgentJvm.app(app, main).arg(port).withoutAgent().start()) {
            without = drive(port);
        }
        port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(app, main).arg(port).start()) {
            assertEquals(without, drive(port));
            Scrape scrape = awaitTotal(jvm, 9);
            assertEquals(2.0, scrape.value(COUNT, labels("/shop/hello", "200")), scrape.text());
            // two outside every context, and /shop/missing from the context's default 404 servlet
            assertEquals(3.0, scrape.value(COUNT, labels("unmatched", "404")), scrape.text());
            assertEquals(3.0, scrape.value(COUNT, labels("/secure/admin", "401")), scrape.text());
            assertEquals(1.0, scrape.value(COUNT, labels(servletRoute, "200")), scrape.text());
            assertEquals(9.0, sum(scrape), "every request once: " + scrape.samples(COUNT));
            assertEquals(0.0, scrape.value("http_server_active_requests", "http_request_method", "GET"), scrape.text());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"), scrape.text());
            assertTrue(jvm.weftLines().stream().noneMatch(l -> l.contains("error")), jvm.weftLines().toString());
        }
        if (module == null) {
            return; // one run with each module disabled is enough: JVM starts are most of this test's time
        }
        port = Ports.free();
        try (AgentJvm jvm = AgentJvm.app(app, main).arg(port).env("WEFT_INSTRUMENTATIONS_DISABLED", module).start()) {
            assertEquals(without, drive(port));
            Scrape scrape = awaitTotal(jvm, 4);
            assertEquals(4.0, sum(scrape), "only the servlets' requests: " + scrape.samples(COUNT));
            assertEquals(1.0, scrape.value(COUNT, labels("unmatched", "404")), scrape.text());
            assertEquals(0, scrape.samplesWith(COUNT, "http_response_status_code", "401").size(), scrape.text());
        }
    }
}
