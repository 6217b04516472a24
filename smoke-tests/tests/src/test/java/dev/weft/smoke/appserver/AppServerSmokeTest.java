package dev.weft.smoke.appserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.smoke.Http;
import dev.weft.smoke.Scrape;
import dev.weft.smoke.client.Downstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * app.war on a real application server, booted twice by its own launch script: once without the
 * agent, once with it added the way the server's docs say. The same requests go to both runs.
 *
 * <ul>
 *   <li>every answer (status and body, the frames of an error page's stack trace left out) is
 *       the same in both runs: the agent changes nothing the application or its clients see;</li>
 *   <li>the scrape has exactly the expected series, counted from a scrape taken once the server
 *       was ready (readiness polls are counted too, before it): the JAX-RS template with the
 *       context path, the servlet mapping, {@code unmatched} for 404s, 500 for the failures, the
 *       outgoing call by host and port;</li>
 *   <li>{@code weft_advice_errors_total} is 0, and the server's console and logs have no
 *       {@code NoClassDefFoundError} and no stack frame in {@code dev.weft}.</li>
 * </ul>
 *
 * Tagged {@code appserver}: these boot whole servers, so they run on one JDK only (see the
 * surefire executions in smoke-tests/tests/pom.xml).
 */
@Tag("appserver")
abstract class AppServerSmokeTest {

    static final String DURATION = "http_server_request_duration_seconds_count";
    static final String CLIENT_DURATION = "http_client_request_duration_seconds_count";
    /** One stack-trace line: "at ...(...)" or "... 12 more". */
    static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*(at \\S+\\(.*\\)|\\.\\.\\. \\d+ more)\\s*$\\n?");
    /** What the war's failing servlet and resource method throw. */
    static final String THROWN = "java.lang.IllegalStateException";
    /**
     * A stack frame in Weft's code (agent, bootstrap or shaded libraries) or a class failing to link;
     * the war's own classes (dev.weft.smoke) throw on purpose.
     */
    static final Pattern WEFT_FAILURE = Pattern.compile("^\\s*at\\s+(\\S+/)?dev\\.weft\\.(?!smoke\\.)|NoClassDefFoundError|"
            + "Caused by: .*dev[./]weft[./](?!smoke[./])");

    /** The server under test, not started. */
    abstract AppServer server();

    /** True where the server runs JAX-RS: /app/api/... is served by the JAX-RS application. */
    boolean jaxrs() {
        return true;
    }

    /**
     * The route the agent records for a JAX-RS resource method: the template under the context
     * path where the server's implementation is instrumented.
     */
    String jaxrsRoute(String template) {
        return "/app/api" + template;
    }

    /** What each request is expected to answer and to be recorded as. */
    List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        requests.add(new Request("/app/hello", 200, "/app/hello"));
        requests.add(new Request("/app/hello", 200, "/app/hello"));
        requests.add(new Request("/app/hello", 200, "/app/hello"));
        // an exception escapes: error_type is its class (docs/metrics.md)
        requests.add(new Request("/app/boom", 500, "/app/boom", THROWN));
        requests.add(new Request("/app/call", 200, "/app/call"));
        requests.add(new Request("/app/call", 200, "/app/call"));
        requests.add(new Request("/app/no/such/page", 404, "unmatched"));
        requests.add(new Request("/app/nothing-here.html", 404, "unmatched"));
        if (jaxrs()) {
            requests.add(new Request("/app/api/items/1", 200, jaxrsRoute("/items/{id}")));
            requests.add(new Request("/app/api/items/2", 200, jaxrsRoute("/items/{id}")));
            requests.add(new Request("/app/api/items/7/broken", 500, jaxrsRoute("/items/{id}/broken"), THROWN));
        }
        return requests;
    }

    @Test
    void answersAreTheSameWithTheAgentAndTheScrapeHasExactlyTheirSeries() throws Exception {
        List<Request> requests = requests();
        try (Downstream downstream = Downstream.start()) {
            String downstreamUrl = "http://127.0.0.1:" + downstream.httpPort() + "/ok";
            List<String> without;
            List<String> with;
            Scrape before;
            Scrape after;
            long withoutBoot;
            long withBoot;
            try (AppServer server = server()) {
                server.start(false, downstreamUrl);
                withoutBoot = server.bootTime().toMillis();
                without = drive(server, requests);
                assertNoWeftFailure(server);
            }
            try (AppServer server = server()) {
                server.start(true, downstreamUrl);
                withBoot = server.bootTime().toMillis();
                before = Scrape.of(Http.get(server.metricsUrl()).body());
                with = drive(server, requests);
                assertSameAnswers(server, without, with);
                after = awaitSeries(server, before, requests, downstream.httpPort());
                String log = server.log();
                assertEquals(0.0, after.value("weft_advice_errors_total"), log);
                assertEquals(0.0, after.value("weft_instrumentation_errors_total"), log);
                assertNoWeftFailure(server);
                System.out.printf("%s: booted in %d ms without the agent, %d ms with it%n", server.name(),
                        withoutBoot, withBoot);
            }
            for (int i = 0; i < requests.size(); i++) {
                Request r = requests.get(i);
                assertTrue(without.get(i).startsWith("GET " + r.path + " -> " + r.status + " "),
                        "expected " + r.status + " for " + r.path + ", got " + without.get(i));
            }
        }
    }

    private static void assertSameAnswers(AppServer server, List<String> without, List<String> with) {
        StringBuilder differences = new StringBuilder();
        for (int i = 0; i < without.size(); i++) {
            if (!without.get(i).equals(with.get(i))) {
                differences.append("without the agent: ").append(without.get(i)).append("\n   with the agent: ")
                        .append(with.get(i)).append('\n');
            }
        }
        assertTrue(differences.length() == 0, server.name() + ": the agent changed answers\n" + differences + server.log());
    }

    /** Sends each request once; each answer as "GET path -> status body". */
    private static List<String> drive(AppServer server, List<Request> requests) throws IOException {
        List<String> answers = new ArrayList<>();
        for (Request r : requests) {
            HttpResponse<String> response = Http.get(server.url(r.path));
            // Jetty's error pages show the request's URL, whose port is chosen per run
            String body = withoutFrames(response.body()).replace(server.url(""), "http://127.0.0.1:<port>");
            answers.add("GET " + r.path + " -> " + response.statusCode() + " " + body);
        }
        return answers;
    }

    /**
     * The body without the stack frames of an error page (Undertow's 500 page shows the trace):
     * which worker thread took a request changes the pool's frames from one run to the next.
     * The message and everything else stay compared; a frame of Weft's would fail the log check.
     */
    static String withoutFrames(String body) {
        return STACK_FRAME.matcher(body).replaceAll("");
    }

    /**
     * The series each request should have added, as a difference to {@code before}; polls a few
     * seconds, since a request is recorded just after its response is sent.
     */
    private static Scrape awaitSeries(AppServer server, Scrape before, List<Request> requests, int downstreamPort)
            throws Exception {
        Map<List<String>, Double> expected = new LinkedHashMap<>();
        int calls = 0;
        for (Request r : requests) {
            expected.merge(r.labels(), r.recorded ? 1.0 : 0.0, Double::sum);
            calls += r.path.equals("/app/call") ? 1 : 0;
        }
        List<String> client = List.of("http_request_method", "GET", "server_address", "127.0.0.1",
                "server_port", String.valueOf(downstreamPort), "http_response_status_code", "200", "error_type", "");
        String mismatch = null;
        Scrape after = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            after = Scrape.of(Http.get(server.metricsUrl()).body());
            mismatch = null;
            for (Map.Entry<List<String>, Double> e : expected.entrySet()) {
                String[] labels = e.getKey().toArray(new String[0]);
                double added = value(after, DURATION, labels) - value(before, DURATION, labels);
                if (added != e.getValue()) {
                    mismatch = DURATION + e.getKey() + ": expected +" + e.getValue() + ", found +" + added;
                    break;
                }
            }
            double clientAdded = value(after, CLIENT_DURATION, client.toArray(new String[0]))
                    - value(before, CLIENT_DURATION, client.toArray(new String[0]));
            if (mismatch == null && clientAdded != calls) {
                mismatch = CLIENT_DURATION + client + ": expected +" + calls + ", found +" + clientAdded;
            }
            if (mismatch == null) {
                return after;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(server.name() + ": " + mismatch + "\nserver series: " + after.samples(DURATION)
                + "\nclient series: " + after.samples(CLIENT_DURATION) + "\n" + server.log());
    }

    /** The value of the series with exactly these labels, 0 when the scrape has none. */
    private static double value(Scrape scrape, String name, String... labels) {
        try {
            return scrape.value(name, labels);
        } catch (AssertionError absent) {
            return 0;
        }
    }

    private static void assertNoWeftFailure(AppServer server) throws IOException {
        List<String> bad = new ArrayList<>();
        for (String line : server.logLines()) {
            if (WEFT_FAILURE.matcher(line).find()) {
                bad.add(line);
            }
        }
        assertTrue(bad.isEmpty(), server.name() + " logged Weft failures:\n" + String.join("\n", bad) + "\n" + server.log());
    }

    /** A GET, the status it answers and the route it is recorded under. */
    static final class Request {
        final String path;
        final int status;
        final String route;
        final String errorType;
        /** False for a request the agent is known not to see on that server: it must add nothing. */
        final boolean recorded;

        Request(String path, int status, String route) {
            this(path, status, route, status >= 500 ? String.valueOf(status) : "");
        }

        Request(String path, int status, String route, String errorType) {
            this(path, status, route, errorType, true);
        }

        private Request(String path, int status, String route, String errorType, boolean recorded) {
            this.path = path;
            this.status = status;
            this.route = route;
            this.errorType = errorType;
            this.recorded = recorded;
        }

        /** The same request, answered the same, but not seen by the agent (asserted as +0). */
        Request unrecorded() {
            return new Request(path, status, route, errorType, false);
        }

        List<String> labels() {
            return List.of("http_request_method", "GET", "http_route", route,
                    "http_response_status_code", String.valueOf(status), "error_type", errorType);
        }
    }
}
