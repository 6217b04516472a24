package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Class-loader hygiene in a standalone container: the real Tomcat 10.1 distribution (from Maven
 * Central, unpacked by standalone-tomcat-app) started by its own Bootstrap class with
 * {@code -javaagent:}, a WAR dropped into {@code webapps/} and removed again twenty times (Tomcat's
 * auto-deployer, checking every second). Every 200 the test receives from the webapp, including
 * those while Tomcat is still undeploying it, is counted exactly, and the series keeps its count
 * after each undeploy. At the end a heap histogram
 * ({@code jcmd GC.class_histogram}, which runs a full GC first) finds no
 * {@code ParallelWebappClassLoader} left: none of the twenty webapp loaders is kept alive by the
 * agent. The same histogram taken while the webapp is deployed finds its one loader, so the check
 * can fail.
 */
class StandaloneTomcatSmokeTest {

    private static final int CYCLES = 20;
    private static final String LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";
    private static final String SERVLET = "dev/weft/smoke/app/standalone/HelloServlet.class";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void twentyWarDeploysAndUndeploysLeaveNoWebappLoaderAndExactCounts() throws Exception {
        Path app = Paths.get(System.getProperty("smoke.apps", "../apps"), "standalone-tomcat-app", "target")
                .toAbsolutePath().normalize();
        Path home;
        try (Stream<Path> dists = Files.list(app.resolve("tomcat"))) {
            home = dists.filter(p -> p.getFileName().toString().startsWith("apache-tomcat-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Tomcat under " + app + ": build the module first"));
        }
        Path base = Files.createTempDirectory("weft-tomcat");
        int port = Ports.free();
        int metricsPort = Ports.free();
        Path war = base.resolve("leak.war");
        try {
            prepareBase(home, base, port);
            writeWar(app.resolve("classes"), war);
            List<String> output = new ArrayList<>();
            Process tomcat = startTomcat(home, base, metricsPort, output);
            try {
                String hello = "http://127.0.0.1:" + port + "/leak/hello";
                String metrics = "http://127.0.0.1:" + metricsPort + "/metrics";
                awaitStatus(tomcat, output, metrics, 200);
                int ok = 0; // the 200s this test received from /leak/hello, which the agent must count exactly
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    Files.copy(war, base.resolve("webapps/leak.war.tmp"), StandardCopyOption.REPLACE_EXISTING);
                    Files.move(base.resolve("webapps/leak.war.tmp"), base.resolve("webapps/leak.war"),
                            StandardCopyOption.ATOMIC_MOVE);
                    ok += awaitStatus(tomcat, output, hello, 200);
                    for (int i = 1; i < 3; i++) {
                        assertEquals("hello from the war\n", Http.get(hello).body());
                        ok++;
                    }
                    assertCount(metrics, ok, output);
                    if (cycle == 1) {
                        assertEquals(1, loaders(tomcat), "the histogram sees the deployed webapp's loader");
                    }
                    Files.delete(base.resolve("webapps/leak.war"));
                    // until the undeploy is done, the servlet still answers 200
                    ok += awaitStatus(tomcat, output, hello, 404);
                    assertCount(metrics, ok, output);
                }
                // Tomcat lets go of an undeployed context a moment after its 404s start
                long deadline = System.nanoTime() + WAIT.toNanos();
                long left = loaders(tomcat);
                while (left > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                    left = loaders(tomcat);
                }
                assertEquals(0, left, "webapp class loaders alive after " + CYCLES + " undeploys\n" + String.join("\n", output));
                Scrape scrape = Scrape.of(Http.get(metrics).body());
                assertEquals(0.0, scrape.value("weft_instrumentation_errors_total"));
                assertEquals(0.0, scrape.value("weft_advice_errors_total"));
            } finally {
                tomcat.destroy();
                if (!tomcat.waitFor(20, TimeUnit.SECONDS)) {
                    tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            delete(base);
        }
    }

    /** catalina.base: the distribution's conf with our ports, no shutdown port, a 1 s deploy check; empty webapps. */
    private static void prepareBase(Path home, Path base, int port) throws IOException {
        Files.createDirectories(base.resolve("conf"));
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : (Iterable<Path>) conf::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
                }
            }
        }
        for (String dir : new String[] {"webapps", "logs", "temp", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        Path serverXml = base.resolve("conf/server.xml");
        String xml = new String(Files.readAllBytes(serverXml), StandardCharsets.UTF_8);
        String changed = xml.replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                        "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"")
                .replace("<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                        "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">");
        assertTrue(changed.contains("port=\"" + port + "\"") && changed.contains("backgroundProcessorDelay")
                && changed.contains("<Server port=\"-1\""), "server.xml not as expected:\n" + xml);
        Files.write(serverXml, changed.getBytes(StandardCharsets.UTF_8));
    }

    /** A WAR holding the one annotated servlet. */
    private static void writeWar(Path classes, Path war) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + SERVLET));
            zip.write(Files.readAllBytes(classes.resolve(SERVLET)));
            zip.closeEntry();
        }
    }

    private static Process startTomcat(Path home, Path base, int metricsPort, List<String> output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(AgentJvm.java());
        command.add("-javaagent:" + AgentJvm.agentJar());
        command.add("-Dcatalina.home=" + home);
        command.add("-Dcatalina.base=" + base);
        command.add("-Djava.io.tmpdir=" + base.resolve("temp"));
        command.add("-cp");
        command.add(home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"));
        command.add("org.apache.catalina.startup.Bootstrap");
        command.add("start");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("WEFT_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("WEFT_HOST", "127.0.0.1");
        builder.environment().put("WEFT_PORT", String.valueOf(metricsPort));
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "tomcat-output");
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    /** Polls until {@code url} answers {@code status}; returns how many 200s it received on the way, that one included. */
    private static int awaitStatus(Process tomcat, List<String> output, String url, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int ok = 0;
        while (true) {
            try {
                int answer = Http.get(url).statusCode();
                ok += answer == 200 ? 1 : 0;
                if (answer == status) {
                    return ok;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!tomcat.isAlive() || System.nanoTime() > deadline) {
                synchronized (output) {
                    fail("no " + status + " from " + url + "\n" + String.join("\n", output));
                }
            }
            Thread.sleep(100);
        }
    }

    /** The duration count of GET /leak/hello 200; recording ends just after the response, so polls. */
    private static void assertCount(String metrics, double expected, List<String> output) throws Exception {
        String[] labels = {"http_request_method", "GET", "http_route", "/leak/hello",
                "http_response_status_code", "200", "error_type", ""};
        double found = -1;
        for (int i = 0; i < 100; i++) {
            List<Scrape.Sample> samples = Scrape.of(Http.get(metrics).body())
                    .samplesWith("http_server_request_duration_seconds_count", labels);
            found = samples.isEmpty() ? -1 : samples.get(0).value;
            if (found == expected) {
                return;
            }
            Thread.sleep(50);
        }
        synchronized (output) {
            fail("count of /leak/hello: expected " + expected + ", found " + found + "\n" + String.join("\n", output));
        }
    }

    /** Live ParallelWebappClassLoader instances, from a heap histogram (which starts with a full GC). */
    private static long loaders(Process tomcat) throws Exception {
        Path jcmd = Paths.get(AgentJvm.java()).getParent().resolve("jcmd");
        ProcessBuilder builder = new ProcessBuilder(jcmd.toString(), String.valueOf(tomcat.pid()), "GC.class_histogram")
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String histogram;
        try (InputStream in = process.getInputStream()) {
            histogram = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
        assertEquals(0, process.exitValue(), histogram);
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[3].equals(LOADER)) {
                return Long.parseLong(f[1]);
            }
        }
        assertTrue(histogram.contains("java.lang.String "), "not a histogram:\n" + histogram);
        return 0;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
