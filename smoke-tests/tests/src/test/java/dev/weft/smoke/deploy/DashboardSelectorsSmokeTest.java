package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import dev.weft.smoke.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every selector in the Grafana dashboard (panels, variables, annotations) matches a series that
 * the agent really exports: a Tomcat app with the agent serves good, failing and POSTed requests
 * and makes an outbound call, and each selector, with its label matchers, must find a sample in the scrape
 * (the thread-pool panels' Jetty, Undertow and Netty selectors, in the scrape of a Jetty, an Undertow
 * and a Reactor Netty app).
 * The latency panels ask for a native histogram first ({@code histogram_quantile} over the family's
 * own name, {@code WEFT_HISTOGRAMS=both} and a Prometheus scraping protobuf) and fall back to the
 * classic buckets with {@code or}; a selector of the family's own name is checked against the labels
 * of its classic series.
 */
class DashboardSelectorsSmokeTest {

    /** Series Prometheus makes itself for every target, never in an exposition. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    /** Target labels Prometheus attaches at scrape time; an exposition has none. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    @Test
    void everySelectorMatchesAScrapedSeries() throws Exception {
        int appPort = Ports.free();
        int metricsPort = Ports.free();
        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain").arg(appPort).env("WEFT_PORT", String.valueOf(metricsPort)).start()) {
            String base = "http://127.0.0.1:" + appPort;
            for (int i = 0; i < 3; i++) {
                Http.get(base + "/hello");
                Http.get(base + "/users/" + i);
            }
            Http.get(base + "/fail");
            Http.get(base + "/outbound");
            Http.post(base + "/hello", "a body with a declared length");
            Scrape scrape = awaitScrape(app, s -> !s.samplesWith("http_server_request_duration_seconds_count", "http_response_status_code", "500").isEmpty()
                    && !s.samplesWith("http_server_request_body_size_bytes_bucket", "http_request_method", "POST").isEmpty()
                    && !s.samples("http_client_request_duration_seconds_count").isEmpty());

            List<Scrape> scrapes = List.of(scrape,
                    otherServer("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.JettyMain", null, "jetty_thread_limit"),
                    otherServer("undertow-app", "dev.weft.smoke.app.undertow.UndertowMain", null, "undertow_thread_limit"),
                    otherServer("webflux-app", "dev.weft.smoke.app.webflux.PlainReactorNettyServer", "/orders/1",
                            "netty_event_loop_count"));

            List<String> failures = new ArrayList<>();
            Set<String> checked = new TreeSet<>();
            for (Map.Entry<String, String> e : Dashboard.load().expressions().entrySet()) {
                List<PromQlSelectors.Selector> selectors = PromQlSelectors.of(Dashboard.resolved(e.getValue()));
                for (PromQlSelectors.Selector selector : selectors) {
                    String problem = check(selector, scrapeWith(scrapes, selector.metric));
                    if (problem != null) {
                        failures.add(e.getKey() + ": " + problem);
                    }
                    checked.add(selector.metric);
                }
                for (String label : PromQlSelectors.groupingLabels(e.getValue())) {
                    if (!TARGET_LABELS.contains(label) && scrapes.stream().noneMatch(s -> carries(selectors, label, s))) {
                        failures.add(e.getKey() + ": groups by " + label + ", which none of its series has");
                    }
                }
            }
            System.out.println("dashboard metrics checked against the scrape: " + checked);
            if (!failures.isEmpty()) {
                fail(String.join("\n", failures));
            }
            assertTrue(checked.size() >= 20, "the dashboard charts " + checked.size() + " metrics: " + checked);
        }
    }

    /**
     * The scrape of another server with the agent, once it has {@code metric}: Undertow with XNIO's
     * active count on, so that its pool has a busy count; {@code path}, when given, is requested first
     * (a Netty group is found by a request).
     */
    private static Scrape otherServer(String appModule, String main, String path, String metric) throws Exception {
        int port = Ports.free();
        try (AgentJvm app = AgentJvm.app(appModule, main).arg(port)
                .jvmOption("-Djboss.threads.eqe.statistics.active-count=true").start()) {
            if (path != null) {
                Http.get("http://127.0.0.1:" + port + path);
            }
            return awaitScrape(app, s -> s.has(metric));
        }
    }

    /** The first scrape that has series of the metric (the Tomcat app's when none has). */
    private static Scrape scrapeWith(List<Scrape> scrapes, String metric) {
        for (Scrape scrape : scrapes) {
            if (!samplesOf(scrape, metric).isEmpty()) {
                return scrape;
            }
        }
        return scrapes.get(0);
    }

    private static String check(PromQlSelectors.Selector selector, Scrape scrape) {
        if (MADE_BY_PROMETHEUS.contains(selector.metric)) {
            return null;
        }
        List<Scrape.Sample> samples = samplesOf(scrape, selector.metric);
        if (samples.isEmpty()) {
            return "no series named " + selector.metric + " in the scrape";
        }
        for (Scrape.Sample sample : samples) {
            if (selector.matches(sample.labels, TARGET_LABELS)) {
                return null;
            }
        }
        return selector + " matches none of " + samples;
    }

    /** True when a series of one of the selectors' metrics has the label. */
    private static boolean carries(List<PromQlSelectors.Selector> selectors, String label, Scrape scrape) {
        for (PromQlSelectors.Selector selector : selectors) {
            for (Scrape.Sample sample : samplesOf(scrape, selector.metric)) {
                if (sample.labels.containsKey(label)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The samples of a metric; for a histogram's own name, which only its native form carries (in
     * protobuf, not in this text scrape), those of its classic {@code _count}, which has the same labels.
     */
    private static List<Scrape.Sample> samplesOf(Scrape scrape, String metric) {
        List<Scrape.Sample> samples = scrape.samples(metric);
        return samples.isEmpty() ? scrape.samples(metric + "_count") : samples;
    }

    private static Scrape awaitScrape(AgentJvm app, java.util.function.Predicate<Scrape> ready) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Scrape scrape = app.scrape();
            if (ready.test(scrape)) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scrape never held the driven requests:\n" + scrape.text());
            }
            Thread.sleep(100);
        }
    }
}
