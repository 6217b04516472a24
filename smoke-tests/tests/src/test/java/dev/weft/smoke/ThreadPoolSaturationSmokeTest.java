package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The request thread pools of Tomcat 10.1, Jetty 12, Undertow and Reactor Netty, saturated on
 * purpose: each server runs with a small pool, {@code /hold} requests keep its threads until the test
 * opens the app's gate (a plain socket, so releasing them needs no thread of the pool), and the scrape
 * shows exactly the busy threads, the limit, the threads and the queued work; once released, the pool
 * is idle again. Then the same app runs without the agent and answers the same; the agent is attached
 * to it, and the pool of the server that started before is found by its next request.
 */
class ThreadPoolSaturationSmokeTest {

    private static final String JAKARTA_APP = "servlet-jakarta-app";
    private static final String TOMCAT_MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    private static final String JETTY_MAIN = "dev.weft.smoke.app.jakarta.JettyMain";
    private static final String UNDERTOW_MAIN = "dev.weft.smoke.app.undertow.UndertowMain";
    private static final String NETTY_MAIN = "dev.weft.smoke.app.webflux.PlainReactorNettyServer";
    /** Threads of the Tomcat and Undertow pools; more requests than that are held, so some wait in the queue. */
    private static final int THREADS = 4;
    private static final int HELD = 6;

    @Test
    void tomcatConnectorPool() throws Exception {
        List<String> answers;
        int port = Ports.free();
        int gate = Ports.free();
        try (AgentJvm app = AgentJvm.app(JAKARTA_APP, TOMCAT_MAIN).arg(port).arg(THREADS).arg(gate).start()) {
            Pool pool = new Pool(app, "tomcat_thread_", "tomcat_thread_pool_name", "http-nio-127.0.0.1-" + port);
            // the connector starts its core threads at once: min(minSpareThreads, maxThreads)
            pool.await("idle at start", 0, THREADS, THREADS, 0);
            Held held = Held.start(port, gate, "/hold", HELD);
            pool.await("saturated", THREADS, THREADS, THREADS, HELD - THREADS);
            answers = held.release();
            pool.await("idle again", 0, THREADS, THREADS, 0);
            assertEquals(0.0, app.scrape().value("weft_advice_errors_total"));
        }
        port = Ports.free();
        gate = Ports.free();
        try (AgentJvm app = AgentJvm.app(JAKARTA_APP, TOMCAT_MAIN).arg(port).arg(THREADS).arg(gate)
                .withoutAgent().start()) {
            assertEquals(answers, Held.start(port, gate, "/hold", HELD).releaseSoon(), "the answers without the agent");
            attach(app);
            assertFalse(app.scrape().has("tomcat_thread_limit"), "no request since the attach");
            Held held = Held.start(port, gate, "/hold", HELD);
            new Pool(app, "tomcat_thread_", "tomcat_thread_pool_name", "http-nio-127.0.0.1-" + port)
                    .await("saturated after an attach", THREADS, THREADS, THREADS, HELD - THREADS);
            assertEquals(answers, held.release());
        }
    }

    /**
     * Jetty runs its acceptor and selector on the pool: they count as busy, as in Jetty's own figures.
     * The app's pool keeps no reserved threads, which Jetty counts neither busy nor idle.
     */
    @Test
    void jettyServerPool() throws Exception {
        int threads = 6;
        List<String> answers;
        int port = Ports.free();
        int gate = Ports.free();
        try (AgentJvm app = AgentJvm.app(JAKARTA_APP, JETTY_MAIN).arg(port).arg(threads).arg(gate).start()) {
            // Jetty names its pool "qtp" + hashCode() unless told otherwise: a new name each run, shown as "qtp"
            Pool pool = new Pool(app, "jetty_thread_", "jetty_thread_pool_name", "qtp");
            pool.await("idle at start", 2, threads, threads, 0);
            Held held = Held.start(port, gate, "/hold", HELD);
            pool.await("saturated", threads, threads, threads, HELD - (threads - 2));
            answers = held.release();
            pool.await("idle again", 2, threads, threads, 0);
            assertEquals(0.0, app.scrape().value("weft_advice_errors_total"));
        }
        port = Ports.free();
        gate = Ports.free();
        try (AgentJvm app = AgentJvm.app(JAKARTA_APP, JETTY_MAIN).arg(port).arg(threads).arg(gate)
                .withoutAgent().start()) {
            assertEquals(answers, Held.start(port, gate, "/hold", HELD).releaseSoon(), "the answers without the agent");
            attach(app);
            assertFalse(app.scrape().has("jetty_thread_limit"), "no request since the attach");
            Held held = Held.start(port, gate, "/hold", HELD);
            new Pool(app, "jetty_thread_", "jetty_thread_pool_name", "qtp")
                    .await("saturated after an attach", threads, threads, threads, HELD - (threads - 2));
            assertEquals(answers, held.release());
        }
    }

    /**
     * XNIO's default pool (jboss-threads' EnhancedQueueExecutor) counts active threads only when asked
     * to: by default there is no busy count, and the queue shows the saturation.
     */
    @Test
    void undertowWorkerPool() throws Exception {
        List<String> answers;
        int port = Ports.free();
        int gate = Ports.free();
        try (AgentJvm app = AgentJvm.app("undertow-app", UNDERTOW_MAIN).arg(port).arg(THREADS).arg(gate)
                .jvmOption("-Djboss.threads.eqe.statistics.active-count=true").start()) {
            Pool pool = new Pool(app, "undertow_thread_", "undertow_thread_pool_name", "XNIO-1");
            pool.await("idle at start", 0, THREADS, 0, 0); // threads start with the first tasks
            Held held = Held.start(port, gate, "/hold", HELD);
            pool.await("saturated", THREADS, THREADS, THREADS, HELD - THREADS);
            answers = held.release();
            pool.await("idle again", 0, THREADS, THREADS, 0);
            assertEquals(0.0, app.scrape().value("weft_advice_errors_total"));
        }
        port = Ports.free();
        gate = Ports.free();
        try (AgentJvm app = AgentJvm.app("undertow-app", UNDERTOW_MAIN).arg(port).arg(THREADS).arg(gate)
                .withoutAgent().start()) {
            assertEquals(answers, Held.start(port, gate, "/hold", HELD).releaseSoon(), "the answers without the agent");
            attach(app);
            assertFalse(app.scrape().has("undertow_thread_limit"), "no request since the attach");
            Held held = Held.start(port, gate, "/hold", HELD);
            new Pool(app, "undertow_thread_", "undertow_thread_pool_name", "XNIO-1")
                    .await("saturated after an attach, without XNIO's active count", -1, THREADS, THREADS, HELD - THREADS);
            assertEquals(answers, held.release());
        }
    }

    /**
     * An event loop is always running, so busy threads say nothing; what shows a blocked loop is the
     * work that piles up in its queue. {@code /block/5} queues five tasks on its own loop, then blocks it.
     */
    @Test
    void reactorNettyEventLoops() throws Exception {
        String loops = "-Dreactor.netty.ioWorkerCount=2";
        List<String> answers;
        int port = Ports.free();
        int gate = Ports.free();
        try (AgentJvm app = AgentJvm.app("webflux-app", NETTY_MAIN).arg(port).arg(gate).jvmOption(loops).start()) {
            assertFalse(app.scrape().has("netty_event_loop_count"), "the group is found with its first request");
            Held held = Held.start(port, gate, "/block/5", 1);
            Scrape scrape = awaitScrape(app, s -> s.samples("netty_event_loop_queue_size").stream().anyMatch(x -> x.value == 5));
            String group = scrape.samples("netty_event_loop_count").get(0).labels.get("netty_event_loop_group_name");
            // named after its threads: reactor-http-nio-1, or reactor-http-epoll-1 where Netty's native transport loads
            assertTrue(group.equals("reactor-http-nio") || group.equals("reactor-http-epoll"), scrape.text());
            assertEquals(2.0, scrape.value("netty_event_loop_count", "netty_event_loop_group_name", group), scrape.text());
            assertEquals(5.0, scrape.value("netty_event_loop_queue_size", "netty_event_loop_group_name", group), scrape.text());
            assertEquals(1, scrape.samples("netty_event_loop_count").size(), scrape.text());
            answers = held.release();
            scrape = awaitScrape(app, s -> s.value("netty_event_loop_queue_size", "netty_event_loop_group_name", group) == 0);
            assertEquals(0.0, scrape.value("netty_event_loop_queue_size", "netty_event_loop_group_name", group), scrape.text());
            assertEquals(2.0, scrape.value("netty_event_loop_count", "netty_event_loop_group_name", group), scrape.text());
            assertEquals(0.0, scrape.value("weft_advice_errors_total"));
        }
        port = Ports.free();
        gate = Ports.free();
        try (AgentJvm app = AgentJvm.app("webflux-app", NETTY_MAIN).arg(port).arg(gate).jvmOption(loops)
                .withoutAgent().start()) {
            assertEquals(answers, Held.start(port, gate, "/block/5", 1).releaseSoon(), "the answers without the agent");
        }
    }

    private static void attach(AgentJvm app) throws Exception {
        String jcmd = Paths.get(AgentJvm.java()).getParent().resolve("jcmd").toString();
        Process attach = new ProcessBuilder(jcmd, String.valueOf(app.pid()), "JVMTI.agent_load",
                AgentJvm.agentJar().toString()).redirectErrorStream(true).start();
        String said = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, attach.waitFor(), said);
        app.awaitEndpoint();
    }

    /** Scrapes until the condition holds, for at most 20 seconds (the requests reach a loaded machine's server late). */
    private static Scrape awaitScrape(AgentJvm app, Predicate<Scrape> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Scrape scrape = app.scrape();
        while (!holds(condition, scrape) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = app.scrape();
        }
        return scrape;
    }

    private static boolean holds(Predicate<Scrape> condition, Scrape scrape) {
        try {
            return condition.test(scrape);
        } catch (AssertionError absent) {
            return false;
        }
    }

    /** One pool's four series in the scrape. */
    private static final class Pool {
        final AgentJvm app;
        final String prefix;
        final String label;
        final String name;

        Pool(AgentJvm app, String prefix, String label, String name) {
            this.app = app;
            this.prefix = prefix;
            this.label = label;
            this.name = name;
        }

        double value(Scrape scrape, String metric) {
            return scrape.value(prefix + metric, label, name);
        }

        /** Waits until the pool shows these figures, then asserts each; -1: the series must be absent. */
        void await(String state, double busy, double limit, double threads, double queued) throws Exception {
            Scrape scrape = awaitScrape(app, s -> figure(s, "busy_count") == busy && figure(s, "limit") == limit
                    && figure(s, "count") == threads && figure(s, "queue_size") == queued);
            String context = state + ":\n" + scrape.text();
            assertEquals(busy, figure(scrape, "busy_count"), context);
            assertEquals(limit, value(scrape, "limit"), context);
            assertEquals(threads, value(scrape, "count"), context);
            assertEquals(queued, value(scrape, "queue_size"), context);
            assertEquals(1, scrape.samples(prefix + "limit").size(), "one pool: " + context);
        }

        private double figure(Scrape scrape, String metric) {
            return scrape.has(prefix + metric) ? value(scrape, metric) : -1;
        }
    }

    /** Requests kept by the server until the app's gate opens, each on its own connection. */
    private static final class Held {
        final ExecutorService clients;
        final List<Future<String>> answers = new ArrayList<>();
        final int gate;

        private Held(int n, int gate) {
            this.clients = Executors.newFixedThreadPool(n);
            this.gate = gate;
        }

        static Held start(int port, int gate, String path, int n) {
            Held held = new Held(n, gate);
            for (int i = 0; i < n; i++) {
                held.answers.add(held.clients.submit(() -> ServerRuns.get(port, path)));
            }
            return held;
        }

        /** Lets the requests reach the server (as the tests do before they release them), then {@link #release}. */
        List<String> releaseSoon() throws Exception {
            Thread.sleep(500);
            return release();
        }

        /** Opens the gate, returns every answer in the order the requests were sent, and closes the gate again. */
        List<String> release() throws Exception {
            gate('o');
            List<String> all = new ArrayList<>();
            try {
                for (Future<String> answer : answers) {
                    all.add(answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
            }
            gate('c');
            return all;
        }

        private void gate(char command) throws IOException {
            try (Socket app = new Socket("127.0.0.1", gate)) {
                app.getOutputStream().write(command);
                if (app.getInputStream().read() != 'k') {
                    throw new AssertionError("the app's gate did not take " + command);
                }
            }
        }
    }
}
