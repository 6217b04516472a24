package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint under attack, each case in its own JVM with {@code -javaagent:} running embedded
 * Tomcat: hundreds of slow clients and stalled TLS handshakes that reconnect for 30 s while a
 * scrape a second, on a fresh connection, must succeed every time; afterwards the host's threads
 * and descriptors are back where they were. A flood of 500 concurrent scrapers, whose pages must
 * come from a few shared renderings a second. And a JVM out of descriptors, whose accept loop must
 * neither spin nor flood its log.
 *
 * <p>Attackers connect from 127.0.0.2 and up (Linux routes all of 127/8 to loopback), the
 * scraper from 127.0.0.1, so the per-address limit is what keeps the scraper's share. All traffic
 * stays on loopback and stops by itself. About 40 s per case; figures are printed on stdout.
 */
class EndpointAttackSmokeTest {

    private static final int ATTACK_SECONDS = 30;
    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";

    @TempDir
    Path dir;

    /** Clients that hold connections and reconnect when closed; stopped by {@link #close}. */
    private static final class Attackers implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger told503 = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();

        /** {@code trickle}: a head that never ends, a byte a second; else a TLS client that never says hello. */
        Attackers(int count, int addresses, int port, boolean trickle) {
            for (int i = 0; i < count; i++) {
                String from = "127.0.0." + (2 + i % addresses);
                Thread t = new Thread(() -> attack(from, port, trickle), "attacker");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        private void attack(String from, int port, boolean trickle) {
            while (!stop.get()) {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(from, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    connects.incrementAndGet();
                    s.setSoTimeout(1_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    if (trickle) {
                        out.write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    byte[] buffer = new byte[128];
                    while (!stop.get()) {
                        try {
                            int n = in.read(buffer);
                            if (n < 0) {
                                break;
                            }
                            if (new String(buffer, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 503 ")) {
                                told503.incrementAndGet();
                            }
                        } catch (SocketTimeoutException quiet) {
                            if (trickle) {
                                out.write('a');
                            }
                        }
                    }
                } catch (IOException reset) {
                    // closed by the server: come back
                }
                sleep(250);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    interface Scraper {
        boolean scrape() throws IOException;
    }

    @Test
    void slowClientsCostNoThreadsAndEveryScrapeSucceeds() throws Exception {
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(Ports.free()).start()) {
            attackWhileScraping(app, () -> plainScrape(app.metricsPort()), 250, 5, true);
        }
    }

    @Test
    void stalledTlsHandshakesCostNoThreadsAndEveryScrapeSucceeds() throws Exception {
        Keystores stores = Keystores.create(dir);
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(Ports.free())
                .env("WEFT_TLS_KEYSTORE", stores.serverP12.toString())
                .env("WEFT_TLS_KEYSTORE_PASSWORD", Keystores.PASSWORD)
                .withoutEndpoint().start()) {
            SSLContext trusting = trusting(stores.serverP12);
            awaitTrue(() -> tlsScrape(trusting, app.metricsPort()), app);
            attackWhileScraping(app, () -> tlsScrape(trusting, app.metricsPort()), 50, 1, false);
        }
    }

    private void attackWhileScraping(AgentJvm app, Scraper scraper, int attackers, int addresses, boolean trickle)
            throws Exception {
        assertTrue(scraper.scrape(), "a scrape before the attack");
        Thread.sleep(1_000);
        int threadsBefore = count("task", app);
        int descriptorsBefore = count("fd", app);
        int ok = 0;
        int tried = 0;
        List<String> failures = new ArrayList<>();
        int connects;
        int told503;
        try (Attackers attack = new Attackers(attackers, addresses, app.metricsPort(), trickle)) {
            Thread.sleep(2_000);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTACK_SECONDS);
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                tried++;
                try {
                    if (scraper.scrape()) {
                        ok++;
                    } else {
                        failures.add("not a 200 scrape");
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
                Thread.sleep(Math.max(0, 1_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            }
            connects = attack.connects.get();
            told503 = attack.told503.get();
        }
        System.out.println(attackers + (trickle ? " slow-head" : " stalled-TLS") + " clients from " + addresses
                + " addresses for " + ATTACK_SECONDS + " s: " + ok + " of " + tried + " scrapes succeeded; "
                + connects + " attacker connections, " + told503 + " told 503");
        assertEquals(tried, ok, "every scrape during the attack succeeds: " + failures);
        assertTrue(connects > attackers, "the attackers were cut and came back: " + connects);
        // the endpoint's connections end within the head deadline (5 s) plus the linger (2 s)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int threads;
        int descriptors;
        do {
            Thread.sleep(500);
            threads = count("task", app);
            descriptors = count("fd", app);
        } while ((threads > threadsBefore + 4 || descriptors > descriptorsBefore + 2) && System.nanoTime() < deadline);
        System.out.println("host threads " + threadsBefore + " -> " + threads + ", descriptors " + descriptorsBefore
                + " -> " + descriptors);
        // up to four endpoint workers may have started for the scrapes; none for the attackers
        assertTrue(threads <= threadsBefore + 4, "threads " + threadsBefore + " -> " + threads);
        assertTrue(descriptors <= descriptorsBefore + 2, "descriptors " + descriptorsBefore + " -> " + descriptors);
        assertTrue(scraper.scrape(), "a scrape after the attack");
    }

    @Test
    void aFloodOfScrapesSharesAFewRenderingsASecond() throws Exception {
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(Ports.free())
                // every flooding connection admitted: what is measured is the rendering, not the 503s
                .env("WEFT_ENDPOINT_MAX_CONNECTIONS", "1000")
                .env("WEFT_ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS", "1000").start()) {
            long rendersBefore = renders(app);
            long cpuBefore = cpuTicks(app);
            long start = System.nanoTime();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger scrapes = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try (Socket s = new Socket("127.0.0.1", app.metricsPort())) {
                            s.setSoTimeout(20_000);
                            while (!stop.get()) {
                                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                                        .getBytes(StandardCharsets.ISO_8859_1));
                                readResponse(s.getInputStream());
                                scrapes.incrementAndGet();
                            }
                        } catch (IOException e) {
                            sleep(100);
                        }
                    }
                }, "flood");
                t.setDaemon(true);
                t.start();
                flood.add(t);
            }
            Thread.sleep(10_000);
            stop.set(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cores = (cpuTicks(app) - cpuBefore) / 100.0 / seconds;
            for (Thread t : flood) {
                t.join(30_000);
            }
            // the scrapes in flight at the stop are answered by renderings after it: budget until the last is
            double scraped = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1_500); // the rendering budget refills, so the next page is fresh and counts the others
            long rendered = renders(app) - rendersBefore;
            System.out.printf("500 keep-alive scrapers for %.1f s: %d scrapes, %d renderings, host CPU %.0f %% of one"
                    + " core%n", seconds, scrapes.get(), rendered, cores * 100);
            assertTrue(scrapes.get() > 500, "the flood got answers: " + scrapes.get());
            // WEFT_SCRAPE_RENDER_RATE's default: a burst of 10, then 10 a second; the rest share pages
            assertTrue(rendered <= 10 + 10 * scraped + 2, rendered + " renderings for " + scrapes.get() + " scrapes in "
                    + scraped + " s");
        }
    }

    @Test
    void outOfDescriptorsTheAcceptLoopBacksOffAndLogsOnce() throws Exception {
        try (AgentJvm app = AgentJvm.app(APP, MAIN).arg(Ports.free()).maxOpenFiles(200).start()) {
            assertTrue(plainScrape(app.metricsPort()));
            String loop = loopThread(app);
            long loopBefore = threadTicks(app, loop);
            long start = System.nanoTime();
            // 250 idle connections from ten addresses: within every connection limit, beyond the descriptors
            try (Attackers attack = new Attackers(250, 10, app.metricsPort(), false)) {
                Thread.sleep(12_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double loopShare = (threadTicks(app, loop) - loopBefore) / 100.0 / seconds;
            long failures = app.weftLines().stream().filter(l -> l.contains("accept failed")).count();
            System.out.printf("out of descriptors for %.0f s: the loop thread used %.0f %% of a core; %d accept-failure"
                    + " line(s): %s%n", seconds, loopShare * 100, failures, app.weftLines().stream()
                    .filter(l -> l.contains("accept failed")).findFirst().orElse("none"));
            assertEquals(1, failures, "accept failed (so the limit was reached), and was logged once: "
                    + app.weftLines());
            // a loop retrying a failing accept at once takes a whole core
            assertTrue(loopShare < 0.5, "the loop thread used " + loopShare + " of a core");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean served = false;
            while (!served && System.nanoTime() < deadline) {
                try {
                    served = plainScrape(app.metricsPort());
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertTrue(served, "the endpoint serves again once descriptors are free");
            assertTrue(app.isAlive());
        }
    }

    /** The event loop's thread id, from /proc (the kernel keeps 15 characters of a thread's name). */
    private static String loopThread(AgentJvm app) throws IOException {
        try (Stream<Path> tasks = Files.list(Paths.get("/proc", String.valueOf(app.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm = new String(Files.readAllBytes(task.resolve("comm")), StandardCharsets.UTF_8).trim();
                if (comm.equals("weft-metrics-lo")) {
                    return task.getFileName().toString();
                }
            }
        }
        throw new AssertionError("no weft-metrics-loop thread");
    }

    private static long threadTicks(AgentJvm app, String tid) throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc", String.valueOf(app.pid()), "task", tid, "stat")),
                StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long renders(AgentJvm app) throws IOException {
        return (long) app.scrape().value("weft_scrape_renders_total");
    }

    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (long skipped = 0; skipped < length; ) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
                n = 1;
            }
            skipped += n;
        }
    }

    /** GET /metrics on a fresh connection from 127.0.0.1, closed after the answer. */
    static boolean plainScrape(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return exchange(s);
        }
    }

    static boolean tlsScrape(SSLContext context, int port) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            plain.setSoTimeout(10_000);
            try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
                s.startHandshake();
                return exchange(s);
            }
        }
    }

    private static boolean exchange(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return text.startsWith("HTTP/1.1 200 ") && text.contains("weft_build_info");
    }

    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, Keystores.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void awaitTrue(Scraper scraper, AgentJvm app) throws Exception {
        long deadline = System.nanoTime() + AgentJvm.START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (scraper.scrape()) {
                    return;
                }
            } catch (IOException notYet) {
                // the endpoint is starting
            }
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no TLS endpoint\n" + app.output());
            }
            Thread.sleep(100);
        }
    }

    /** Entries of /proc/PID/task (threads) or /proc/PID/fd (descriptors) of the app's JVM. */
    static int count(String what, AgentJvm app) throws IOException {
        try (Stream<Path> entries = Files.list(Paths.get("/proc", String.valueOf(app.pid()), what))) {
            return (int) entries.count();
        }
    }

    static long cpuTicks(AgentJvm app) throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc", String.valueOf(app.pid()), "stat")),
                StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime, in clock ticks (100 a second)
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
