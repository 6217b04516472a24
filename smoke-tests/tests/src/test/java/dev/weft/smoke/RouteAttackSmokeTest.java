package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 20,000 requests to random paths against one app with the agent: ids and random words where the
 * app answers 200 for anything, well-known scanner probes and random paths it answers 404, ids
 * under real mappings. Afterwards every metric holds fewer than 30 series (the words under the
 * catch-all fold to {@code {*}}, an {@code api/items/<id>} path there keeps its template), no label
 * value carries a number from a request path, and the agent's own objects on the heap (counted by a
 * heap histogram after a full GC) are no more after 20,000 requests than after 2,000. With folding
 * off, the series budget holds the words instead.
 *
 * <p>A subclass names the app and the paths where it answers 200 whatever follows ({@link
 * #catchAllPrefixes}). The same attack on a JAX-RS application, where every route is a template, is
 * {@code JaxrsRouteAttackSmokeTest}.
 */
abstract class RouteAttackSmokeTest {

    static final int BUDGET = 500;
    static final int FIRST = 2_000;
    static final int TOTAL = 20_000;
    private static final int CLIENTS = 4;
    private static final String DURATION = "http_server_request_duration_seconds";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,}");
    static final String[] PROBES = {
        "/wp-login.php", "/wp-admin/setup-config.php", "/xmlrpc.php", "/.env", "/.env.production", "/.git/config",
        "/.git/HEAD", "/.aws/credentials", "/.DS_Store", "/phpmyadmin/index.php", "/pma/scripts/setup.php",
        "/admin/config.php", "/cgi-bin/test-cgi", "/boaform/admin/formLogin", "/HNAP1/", "/manager/html",
        "/jmx-console/HtmlAdaptor", "/console/login/LoginForm.jsp", "/solr/admin/info/system?wt=json",
        "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/owa/auth/logon.aspx", "/server-status",
        "/actuator/env", "/actuator/heapdump", "/backup.sql", "/db.sql.gz", "/config.json", "/.well-known/security.txt",
        "/index.php?s=/Index/think/app/invokefunction", "/shell?cd+/tmp", "/nacos/v1/auth/users?pageNo=1&pageSize=9",
    };

    /** The smoke app module and main class. */
    abstract String app();

    abstract String mainClass();

    /** Prefixes under which the app answers 200 for any path: where random paths become requests that succeed. */
    abstract String[] catchAllPrefixes();

    /** A path mapping the app serves (the route the mapping gives, then a prefix to put an id after). */
    abstract String[] mappedRouteAndPrefix();

    /** The WEFT_ROUTES pattern the test configures, under the first catch-all prefix's sibling /catalog. */
    String userRoute() {
        return "/catalog/{sku}";
    }

    @Test
    void randomPathsStayWithinTheBudgetLeakNoNumbersAndKeepTheAgentsHeapFlat() throws Exception {
        int appPort = Ports.free();
        try (AgentJvm app = AgentJvm.app(app(), mainClass()).arg(appPort)
                .env("WEFT_MAX_SERIES", String.valueOf(BUDGET))
                .env("WEFT_ROUTES", userRoute())
                .start()) {
            Random random = new Random(20_000);
            List<String> paths = new ArrayList<>(TOTAL);
            Set<String> numbers = ConcurrentHashMap.newKeySet();
            Set<String> catchAllWords = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < TOTAL; i++) {
                paths.add(path(i, random, numbers, catchAllWords));
            }
            long started = System.nanoTime();
            HttpClient client = client();
            Map<Integer, Integer> statuses = send(client, appPort, paths.subList(0, FIRST));
            awaitCount(app, FIRST);
            // The full GC of a heap histogram makes the JVM metrics add a data point per memory pool it
            // touched for the first time (jvm_memory_pool_allocated_bytes_total): one histogram to let
            // that happen, the next one to measure.
            HeapFigures.of(app.pid());
            HeapFigures atFirst = HeapFigures.of(app.pid());
            statuses.putAll(merge(statuses, send(client, appPort, paths.subList(FIRST, TOTAL))));
            awaitCount(app, TOTAL);
            HeapFigures atTotal = HeapFigures.of(app.pid());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            Scrape scrape = app.scrape();

            System.out.printf("route attack on %s (%s): %d requests in %d s, statuses %s; agent heap after %d requests:"
                            + " %d objects, %d bytes; after %d: %d objects, %d bytes; whole live heap %d -> %d bytes;"
                            + " weft_series_dropped_total %s; distinct catch-all words %d; whole-heap growth by class %s%n",
                    mainClass(), AgentJvm.java(), TOTAL, seconds, statuses, FIRST, atFirst.agentObjects, atFirst.agentBytes,
                    TOTAL, atTotal.agentObjects, atTotal.agentBytes, atFirst.totalBytes, atTotal.totalBytes,
                    scrape.value("weft_series_dropped_total", "metric", DURATION), catchAllWords.size(),
                    atTotal.topGrowthSince(atFirst, 6));

            for (String metric : new String[] {DURATION, "http_server_response_body_size_bytes", "http_server_request_body_size_bytes"}) {
                int series = scrape.samples(metric + "_count").size();
                assertTrue(series < 30, metric + " has " + series + " series: " + scrape.samples(metric + "_count"));
            }
            // the words under the catch-all fold once ten have been seen; the template-shaped path keeps its name
            String prefix = catchAllPrefixes()[0];
            assertTrue(scrape.value(DURATION + "_count", "http_request_method", "GET", "http_route", prefix + "{*}/{id}/{id}",
                    "http_response_status_code", "200", "error_type", "") >= catchAllWords.size() - 10 * catchAllPrefixes().length);
            assertTrue(scrape.value(DURATION + "_count", "http_request_method", "GET", "http_route", prefix + "api/items/{id}",
                    "http_response_status_code", "200", "error_type", "") >= TOTAL / 10);
            assertEquals(0.0, scrape.value("weft_series_dropped_total", "metric", DURATION), "nothing reached the budget");

            // The JDK client may resend a GET whose connection broke after the server answered it, so the
            // server can count a request more than the client saw answered.
            double unmatched = scrape.value(DURATION + "_count", "http_request_method", "GET",
                    "http_route", "unmatched", "http_response_status_code", "404", "error_type", "");
            assertEquals(1, scrape.samplesWith(DURATION + "_count", "http_response_status_code", "404").size(),
                    "every 404 of the default servlet is in one series, unmatched");
            assertTrue(unmatched >= count(statuses, 404) && unmatched <= count(statuses, 404) + 10,
                    unmatched + " requests unmatched, " + count(statuses, 404) + " answered 404");
            assertTrue(scrape.value(DURATION + "_count", "http_request_method", "GET", "http_route", userRoute(),
                    "http_response_status_code", "200", "error_type", "") > 0, "WEFT_ROUTES names the catalog");
            assertTrue(scrape.value(DURATION + "_count", "http_request_method", "GET", "http_route", mappedRouteAndPrefix()[0],
                    "http_response_status_code", "200", "error_type", "") > 0);

            for (Scrape.Sample s : scrape.samples()) {
                for (Map.Entry<String, String> label : s.labels.entrySet()) {
                    Matcher m = DIGITS.matcher(label.getValue());
                    while (m.find()) {
                        assertTrue(!numbers.contains(m.group()), "a number from a request path in " + s);
                    }
                    if (s.name.startsWith("http_server_") && !label.getKey().equals("le")) {
                        assertTrue(!label.getValue().matches(".*[0-9]{4,}.*"), "a long number in a route label: " + s);
                    }
                }
            }

            assertTrue(atTotal.agentBytes <= atFirst.agentBytes,
                    "the agent's heap grew from " + atFirst.agentBytes + " to " + atTotal.agentBytes + " bytes:"
                    + atTotal.changesSince(atFirst));
        }
    }

    /**
     * With folding off ({@code WEFT_ROUTE_SEGMENT_VALUES=0}) the random words under the catch-all are
     * routes of their own: the series budget holds them, and every label set it refuses is counted.
     */
    @Test
    void withoutFoldingTheSeriesBudgetHoldsTheWordsAndCountsWhatItRefuses() throws Exception {
        int appPort = Ports.free();
        int budget = 50;
        try (AgentJvm app = AgentJvm.app(app(), mainClass()).arg(appPort)
                .env("WEFT_MAX_SERIES", String.valueOf(budget))
                .env("WEFT_ROUTE_SEGMENT_VALUES", "0")
                .env("WEFT_ROUTES", userRoute())
                .start()) {
            Random random = new Random(2_000);
            List<String> paths = new ArrayList<>(FIRST);
            Set<String> numbers = ConcurrentHashMap.newKeySet();
            Set<String> catchAllWords = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < FIRST; i++) {
                paths.add(path(i, random, numbers, catchAllWords));
            }
            send(appPort, paths);
            awaitCount(app, FIRST);
            Scrape scrape = app.scrape();
            assertEquals(budget, scrape.samples(DURATION + "_count").size(), "random words under the catch-all fill the budget");
            double overflow = scrape.value(DURATION + "_count", "http_request_method", "_overflow", "http_route", "_overflow",
                    "http_response_status_code", "_overflow", "error_type", "_overflow");
            double dropped = scrape.value("weft_series_dropped_total", "metric", DURATION);
            int keptCatchAll = 0;
            for (Scrape.Sample s : scrape.samples(DURATION + "_count")) {
                for (String prefix : catchAllPrefixes()) {
                    if (s.labels.get("http_route").startsWith(prefix)) {
                        keptCatchAll++;
                    }
                }
            }
            assertTrue(dropped >= catchAllWords.size() - keptCatchAll,
                    "every refused label set is counted: " + dropped + " < " + (catchAllWords.size() - keptCatchAll));
            assertTrue(dropped <= overflow, "at most one count per refused request: " + dropped + " > " + overflow);
        }
    }

    /** One request path; the mix repeats every ten requests. */
    private String path(int i, Random random, Set<String> numbers, Set<String> catchAllWords) {
        String[] prefixes = catchAllPrefixes();
        switch (i % 10) {
            case 3: return prefixes[0] + "api/items/" + number(random, numbers);
            case 0: case 1: case 2: {
                String word = word(random);
                catchAllWords.add(word);
                return prefixes[i % prefixes.length] + word + "/" + number(random, numbers) + "/" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
            }
            case 4: return "/catalog/" + word(random) + "-" + number(random, numbers);
            case 5: return mappedRouteAndPrefix()[1] + number(random, numbers);
            case 6: return random.nextBoolean() ? "/css/app.css" : "/img/logo.png?v=" + number(random, numbers);
            case 7: return PROBES[random.nextInt(PROBES.length)];
            case 8: return "/" + word(random) + "/" + number(random, numbers);
            default: return "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "/" + word(random) + ".php";
        }
    }

    private static String word(Random random) {
        char[] letters = new char[4 + random.nextInt(6)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    private static String number(Random random, Set<String> numbers) {
        String n = String.valueOf(10_000 + random.nextInt(900_000_000));
        numbers.add(n);
        return n;
    }

    /** Sends the paths from a few threads over keep-alive connections; returns how many got each status. */
    static Map<Integer, Integer> send(int port, List<String> paths) throws Exception {
        return send(client(), port, paths);
    }

    /**
     * A client for {@link #send(HttpClient, int, List)}. The heap comparisons send both batches through
     * one: its pooled connections stay open between them, and a second client's would be per-connection
     * state on the server (the app's and the agent's) that the second histogram counts and the first
     * did not.
     */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Map<Integer, Integer> send(HttpClient client, int port, List<String> paths) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < paths.size(); ) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + paths.get(i)))
                                .timeout(Duration.ofSeconds(30)).GET().build();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> counts = new HashMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    static Map<Integer, Integer> merge(Map<Integer, Integer> a, Map<Integer, Integer> b) {
        Map<Integer, Integer> sum = new HashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Integer::sum));
        return sum;
    }

    private static double count(Map<Integer, Integer> statuses, int status) {
        return statuses.getOrDefault(status, 0);
    }

    /** Waits until the duration histogram has counted every request sent (recording ends just after the response). */
    static void awaitCount(AgentJvm app, int expected) throws Exception {
        double total = 0;
        for (int i = 0; i < 200; i++) {
            total = 0;
            for (Scrape.Sample s : app.scrape().samples(DURATION + "_count")) {
                total += s.value;
            }
            if (total >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("recorded " + total + " of " + expected + " requests");
    }

    /**
     * The live objects of the agent's classes ({@code dev.weft.*}, shaded Prometheus client included,
     * the live page's time-bounded history left out) after a full GC.
     */
    static final class HeapFigures {
        final long agentObjects;
        final long agentBytes;
        final long totalBytes;
        final Map<String, Long> bytesByClass;

        final Map<String, Long> allBytesByClass;

        private HeapFigures(long agentObjects, long agentBytes, long totalBytes, Map<String, Long> bytesByClass,
                            Map<String, Long> allBytesByClass) {
            this.allBytesByClass = allBytesByClass;
            this.agentObjects = agentObjects;
            this.agentBytes = agentBytes;
            this.totalBytes = totalBytes;
            this.bytesByClass = bytesByClass;
        }

        /** The classes of the whole heap that grew most since {@code before}, for the report line. */
        String topGrowthSince(HeapFigures before, int n) {
            List<Map.Entry<String, Long>> growth = new ArrayList<>();
            allBytesByClass.forEach((k, v) -> growth.add(Map.entry(k, v - before.allBytesByClass.getOrDefault(k, 0L))));
            growth.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            return growth.subList(0, Math.min(n, growth.size())).toString();
        }

        /** The agent classes whose bytes differ from {@code before}'s, for failure messages. */
        String changesSince(HeapFigures before) {
            StringBuilder out = new StringBuilder();
            Set<String> names = new java.util.TreeSet<>(bytesByClass.keySet());
            names.addAll(before.bytesByClass.keySet());
            for (String name : names) {
                long was = before.bytesByClass.getOrDefault(name, 0L);
                long now = bytesByClass.getOrDefault(name, 0L);
                if (was != now) {
                    out.append("\n  ").append(name).append(": ").append(was).append(" -> ").append(now).append(" bytes");
                }
            }
            return out.toString();
        }

        /** {@code jcmd <pid> GC.class_histogram} of the app's own JDK; the command runs a full GC first. */
        static HeapFigures of(long pid) throws IOException, InterruptedException {
            Path jcmd = Paths.get(AgentJvm.java()).resolveSibling("jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("jcmd failed:\n" + out);
            }
            long objects = 0;
            long bytes = 0;
            long total = -1;
            Map<String, Long> byClass = new HashMap<>();
            Map<String, Long> everything = new HashMap<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    everything.merge(f[3], Long.parseLong(f[2]), Long::sum);
                }
                // The live page's history (dev.weft.agent.page) grows with time, one interval every
                // 10 s up to its bound, whatever the requests: not what this test measures.
                if (f.length >= 4 && f[0].endsWith(":") && f[3].startsWith("dev.weft.")
                        && !f[3].startsWith("dev.weft.agent.page.")) {
                    objects += Long.parseLong(f[1]);
                    bytes += Long.parseLong(f[2]);
                    byClass.merge(f[3], Long.parseLong(f[2]), Long::sum);
                } else if (f.length >= 3 && f[0].equals("Total")) {
                    total = Long.parseLong(f[2]);
                }
            }
            if (objects == 0 || total < 0) {
                throw new AssertionError("no agent classes in the heap histogram:\n" + out);
            }
            return new HeapFigures(objects, bytes, total, byClass, everything);
        }
    }
}
