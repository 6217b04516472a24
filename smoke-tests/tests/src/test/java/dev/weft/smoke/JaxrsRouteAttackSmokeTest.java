package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The route attack on a JAX-RS application: Jersey 3.1 on Grizzly, where no servlet exists and the
 * JAX-RS layer records every request itself. 20,000 requests with random ids under the resource
 * templates, ids that the regular-expression template refuses, scanner probes and random paths.
 * Afterwards the routes are the application's templates and {@code unmatched}, nothing else; no
 * label carries a number from a request path; and the agent's objects on the heap are no more after
 * 20,000 requests than after 2,000.
 */
class JaxrsRouteAttackSmokeTest {

    private static final String DURATION = "http_server_request_duration_seconds";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,}");
    private static final Set<String> ROUTES = new HashSet<>(Arrays.asList(
            "/api/users/{id}", "/api/users/{id}/orders/{orderId}", "/api/items/{sku}", "/api/users/{id}/conflict",
            "unmatched"));

    @Test
    void randomIdsAndProbesBecomeTheApplicationsTemplatesAndTheHeapStaysFlat() throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("jersey3-app", "dev.weft.smoke.app.jersey3.GrizzlyMain").arg(appPort).start()) {
            Random random = new Random(3);
            Set<String> numbers = new HashSet<>();
            List<String> paths = new ArrayList<>(RouteAttackSmokeTest.TOTAL);
            for (int i = 0; i < RouteAttackSmokeTest.TOTAL; i++) {
                paths.add(path(i, random, numbers));
            }
            // Grizzly answers paths outside the application (/api) itself: Jersey, and so Weft, never sees them
            int firstToJersey = toJersey(paths.subList(0, RouteAttackSmokeTest.FIRST));
            int allToJersey = toJersey(paths);
            HttpClient client = RouteAttackSmokeTest.client();
            Map<Integer, Integer> statuses = RouteAttackSmokeTest.send(client, appPort,
                    paths.subList(0, RouteAttackSmokeTest.FIRST));
            RouteAttackSmokeTest.awaitCount(app, firstToJersey);
            RouteAttackSmokeTest.HeapFigures.of(app.pid());
            RouteAttackSmokeTest.HeapFigures atFirst = RouteAttackSmokeTest.HeapFigures.of(app.pid());
            statuses = RouteAttackSmokeTest.merge(statuses, RouteAttackSmokeTest.send(client, appPort,
                    paths.subList(RouteAttackSmokeTest.FIRST, RouteAttackSmokeTest.TOTAL)));
            RouteAttackSmokeTest.awaitCount(app, allToJersey);
            RouteAttackSmokeTest.HeapFigures atTotal = RouteAttackSmokeTest.HeapFigures.of(app.pid());
            Scrape scrape = app.scrape();
            System.out.printf("JAX-RS route attack (%s): statuses %s; agent heap after %d requests: %d objects, %d bytes;"
                            + " after %d: %d objects, %d bytes; series %s%n", AgentJvm.java(), statuses,
                    RouteAttackSmokeTest.FIRST, atFirst.agentObjects, atFirst.agentBytes, RouteAttackSmokeTest.TOTAL,
                    atTotal.agentObjects, atTotal.agentBytes, scrape.samples(DURATION + "_count"));

            double total = 0;
            for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
                assertTrue(ROUTES.contains(s.labels.get("http_route")), "a route that is no template: " + s);
                total += s.value;
            }
            assertTrue(scrape.samples(DURATION + "_count").size() <= 6, "a handful of series: " + scrape.samples(DURATION + "_count"));
            // the JDK client may resend a GET whose connection broke after the server answered it
            assertTrue(total >= allToJersey && total <= allToJersey + 10,
                    total + " recorded for " + allToJersey + " sent to the application");
            assertEquals(statuses.getOrDefault(409, 0), (int) scrape.value(DURATION + "_count", "http_request_method", "GET",
                    "http_route", "/api/users/{id}/conflict", "http_response_status_code", "409", "error_type", ""));
            for (Scrape.Sample s : scrape.samples()) {
                for (String value : s.labels.values()) {
                    Matcher m = DIGITS.matcher(value);
                    while (m.find()) {
                        assertTrue(!numbers.contains(m.group()), "a number from a request path in " + s);
                    }
                }
            }
            assertTrue(atTotal.agentBytes <= atFirst.agentBytes, "the agent's heap grew from " + atFirst.agentBytes
                    + " to " + atTotal.agentBytes + " bytes:" + atTotal.changesSince(atFirst));
        }
    }

    private static int toJersey(List<String> paths) {
        int n = 0;
        for (String path : paths) {
            if (path.startsWith("/api/")) {
                n++;
            }
        }
        return n;
    }

    /** One request path; the mix repeats every ten requests. */
    private static String path(int i, Random random, Set<String> numbers) {
        switch (i % 10) {
            case 0: case 1: return "/api/users/" + number(random, numbers);
            case 2: return "/api/users/" + number(random, numbers) + "/orders/" + number(random, numbers);
            case 3: return "/api/items/" + letters(random, 3).toUpperCase() + "-" + number(random, numbers);
            case 4: return "/api/items/" + letters(random, 6) + number(random, numbers);
            case 5: return "/api/users/" + number(random, numbers) + "/conflict";
            case 6: return RouteAttackSmokeTest.PROBES[random.nextInt(RouteAttackSmokeTest.PROBES.length)];
            case 7: return "/api/" + letters(random, 5) + "/" + number(random, numbers);
            case 8: return "/api/users/" + letters(random, 7) + "?page=" + number(random, numbers);
            default: return "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "/" + letters(random, 4) + ".php";
        }
    }

    private static String letters(Random random, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    private static String number(Random random, Set<String> numbers) {
        String n = String.valueOf(10_000 + random.nextInt(900_000_000));
        numbers.add(n);
        return n;
    }
}
