package dev.weft.smoke.appserver;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One application server, started the way its users start it: its own launch script, app.war
 * deployed the way its docs say, the agent added where its docs say.
 *
 * <pre>{@code
 * try (AppServer server = new WildFly(WildFly.Agent.JAVA_OPTS)) {
 *     server.start(true, downstreamUrl);      // boots, waits for GET /app/hello to answer 200
 *     Http.get(server.url("/app/hello"));
 *     server.scrape();
 * }                                           // stops the whole process tree, deletes the run directory
 * }</pre>
 *
 * The distribution is read-only (unpacked once by its module under smoke-tests/apps); each start
 * gets a fresh run directory (a server base, domain or user directory, as the server calls it) in
 * a temporary folder. The server listens on 127.0.0.1 on ports chosen at run time, and so does the
 * agent ({@code WEFT_HOST}, {@code WEFT_PORT}).
 */
public abstract class AppServer implements AutoCloseable {

    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    static final Duration ENDPOINT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** The distribution's root, e.g. .../appserver-wildfly/target/dist/wildfly-39.0.1.Final. */
    protected final Path home;
    private final List<String> console = new ArrayList<>();
    protected Path run;
    protected int httpPort;
    protected int metricsPort;
    private Process process;
    private long started;
    private Duration bootTime;

    protected AppServer(String module, String distributionPrefix) {
        this.home = distribution(module, distributionPrefix);
    }

    /** Server name and version, for messages. */
    public abstract String name();

    /**
     * Writes the server's configuration into {@link #run} (ports, 127.0.0.1, small heap) and deploys
     * {@code war} there. Called once per start, on an empty run directory.
     */
    protected abstract void prepare(Path war, boolean agent) throws IOException;

    /** The launch command, e.g. {@code sh bin/standalone.sh -b 127.0.0.1}. */
    protected abstract List<String> command();

    /** Environment the launch script sees; WEFT_*, JAVA_TOOL_OPTIONS and *_OPTS are already removed. */
    protected abstract void environment(Map<String, String> env, boolean agent);

    /** The server's own log files under {@link #run}, scanned for Weft's failures with the console. */
    protected abstract List<Path> logFiles() throws IOException;

    /** Boots the server and waits until the war answers (and the agent's endpoint); {@code downstream} is the URL /app/call calls. */
    public void start(boolean agent, String downstream) throws Exception {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        run = Files.createTempDirectory("weft-" + getClass().getSimpleName().toLowerCase() + "-");
        httpPort = Ports.free();
        metricsPort = Ports.free();
        prepare(war(), agent);
        ProcessBuilder builder = new ProcessBuilder(command()).directory(home.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("WEFT_") || k.equals("JAVA_TOOL_OPTIONS") || k.endsWith("_OPTS")
                || k.equals("CLASSPATH"));
        env.put("JAVA_HOME", javaHome().toString());
        env.put("SMOKE_DOWNSTREAM", downstream);
        if (agent) {
            env.put("WEFT_HOST", "127.0.0.1");
            env.put("WEFT_PORT", String.valueOf(metricsPort));
        }
        environment(env, agent);
        synchronized (console) {
            console.clear();
        }
        started = System.nanoTime();
        process = builder.start();
        pump(process);
        awaitReady(agent);
        bootTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** How long the launch script took until the war answered and (with the agent) the endpoint did. */
    public Duration bootTime() {
        return bootTime;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    /** The console (the launch script's stdout and stderr) and the server's log files, in that order. */
    public List<String> logLines() throws IOException {
        List<String> lines;
        synchronized (console) {
            lines = new ArrayList<>(console);
        }
        if (run != null && Files.isDirectory(run)) {
            for (Path log : logFiles()) {
                if (Files.isRegularFile(log)) {
                    lines.addAll(Files.readAllLines(log, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return lines;
    }

    /** Everything the server wrote, for failure messages. */
    public String log() {
        try {
            return "--- " + name() + " log ---\n" + String.join("\n", logLines());
        } catch (IOException e) {
            return "--- " + name() + " log unreadable: " + e;
        }
    }

    private void awaitReady(boolean agent) throws Exception {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        String ready = url("/app/hello");
        while (!deployed(ready)) {
            if (!process.isAlive()) {
                throw new AssertionError(name() + " exited with " + process.exitValue() + " before serving " + ready + "\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name() + " did not serve " + ready + " within " + BOOT_TIMEOUT + "\n" + log());
            }
            Thread.sleep(250);
        }
        // the agent's endpoint starts during the JVM's startup, long before a deployment is up
        long endpointDeadline = System.nanoTime() + ENDPOINT_TIMEOUT.toNanos();
        while (agent && !Http.answers(metricsUrl())) {
            if (System.nanoTime() > endpointDeadline) {
                throw new AssertionError(name() + " serves " + ready + " but the agent's endpoint " + metricsUrl()
                        + " does not answer\n" + log());
            }
            Thread.sleep(250);
        }
    }

    /**
     * The war answers: any status but the 404 or 503 of a server whose deployment is not up yet. A
     * broken war (a 500) counts as deployed, so the test compares its answers instead of timing out.
     */
    private static boolean deployed(String url) {
        try {
            int status = Http.get(url).statusCode();
            return status != 404 && status != 503;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Stops the launch script and every process it started (a shell script's JVM, asadmin's domain),
     * politely first, then forcibly; waits until all are gone.
     */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        beforeStop();
        for (ProcessHandle p : tree) {
            p.destroy();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle p : tree) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                p.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception stillAlive) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(name() + ": process " + p.pid() + " survived SIGKILL", e);
            }
        }
        process = null;
    }

    /** A hook for servers whose JVM was not started by the launch script itself (none of the process tree). */
    protected void beforeStop() {
    }

    /** Stops the server if it runs and deletes its run directory. */
    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            if (run != null) {
                delete(run);
                run = null;
            }
        }
    }

    /** The JDK the smoke tests run the servers on (the smoke.java property's home). */
    protected static Path javaHome() {
        return Paths.get(AgentJvm.java()).toAbsolutePath().getParent().getParent();
    }

    protected static Path agentJar() {
        return AgentJvm.agentJar();
    }

    static Path war() {
        Path war = apps().resolve("appserver-war/target/app.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: build smoke-tests/apps/appserver-war first");
        }
        return war;
    }

    private static Path apps() {
        return Paths.get(System.getProperty("smoke.apps", "../apps")).toAbsolutePath().normalize();
    }

    private static Path distribution(String module, String prefix) {
        Path dist = apps().resolve(module).resolve("target/dist");
        try (Stream<Path> list = Files.list(dist)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "* under " + dist));
        } catch (IOException e) {
            throw new IllegalStateException(dist + " is missing: build smoke-tests/apps/" + module + " first", e);
        }
    }

    /** Copies a file or a whole directory. */
    protected static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Replaces each {@code from} with its {@code to} in a text file; fails when one is not there. */
    protected static void edit(Path file, String... fromTo) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!text.contains(fromTo[i])) {
                throw new IllegalStateException(file + " has no " + fromTo[i] + ":\n" + text);
            }
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    protected static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    }

    /** Files under {@code dir} whose name ends with {@code suffix}, e.g. rotated logs. */
    protected static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    private void pump(Process p) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (console) {
                        console.add(line);
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, name() + "-console");
        t.setDaemon(true);
        t.start();
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
