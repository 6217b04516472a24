package dev.weft.smoke;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A smoke-test application in its own JVM, started with {@code -javaagent:} on the built jar.
 *
 * <pre>{@code
 * try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain")
 *         .arg(appPort).start()) {
 *     Http.get(app.url(appPort, "/hello"));
 *     Scrape scrape = app.scrape();
 * }
 * }</pre>
 *
 * The JVM is the one named by the {@code smoke.java} system property (the suite runs once per JDK);
 * WEFT_HOST is 127.0.0.1 and WEFT_PORT a free port unless the test sets them. Its stdout and stderr
 * are kept for assertions and printed when a test fails to start it.
 */
public final class AgentJvm implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** What every smoke app prints on stdout once it serves. */
    static final String READY_LINE = "READY";

    private final Process process;
    private final List<String> stdout;
    private final List<String> stderr;
    private final int metricsPort;

    private AgentJvm(Process process, List<String> stdout, List<String> stderr, int metricsPort) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.metricsPort = metricsPort;
    }

    /** A JVM running {@code mainClass} from the smoke app module {@code app} (a folder of smoke-tests/apps). */
    public static Builder app(String app, String mainClass) {
        return new Builder(app, mainClass);
    }

    /**
     * A JVM running the smoke app module {@code app} as {@code java -jar} runs it: {@code jar} is the
     * runnable jar's path in the module ({@code target/quarkus-app/quarkus-run.jar} for a Quarkus
     * fast-jar); JVM options come before {@code -jar}, arguments after.
     */
    public static Builder runnableJar(String app, String jar) {
        return new Builder(app, null).runJar(jar);
    }

    /**
     * A JVM running the runnable jar the smoke app module {@code app} packages in its {@code target}
     * folder, with {@code java -jar}, as a framework's users start what its build makes (a Micronaut
     * service's shaded jar).
     */
    public static Builder runnableJar(String app) {
        return new Builder(app, null);
    }

    public static Path agentJar() {
        return Paths.get(System.getProperty("weft.agent.jar", "../../agent/target/weft-agent.jar")).toAbsolutePath().normalize();
    }

    public static String java() {
        return System.getProperty("smoke.java", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The feature release of {@link #java()} (17, 25), from its JDK's {@code release} file: tests of
     * a framework that needs a newer Java than the suite's first JDK skip themselves on it.
     */
    public static int javaFeature() {
        Path release = Paths.get(java()).toAbsolutePath().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the Java version from " + release, e);
        }
        throw new IllegalStateException("no JAVA_VERSION in " + release);
    }

    public int metricsPort() {
        return metricsPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits up to {@link #START_TIMEOUT} for the agent's endpoint, e.g. after attaching the agent later. */
    public void awaitEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Http.answers(metricsUrl())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no metrics endpoint at " + metricsUrl() + "\n" + output());
            }
            Thread.sleep(50);
        }
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    public Scrape scrape() throws IOException {
        return Scrape.of(Http.get(metricsUrl()).body());
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return new ArrayList<>(stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return new ArrayList<>(stderr);
        }
    }

    /** Lines on stderr starting with "weft:", the agent's only output. */
    public List<String> weftLines() {
        List<String> lines = new ArrayList<>();
        for (String line : stderr()) {
            if (line.startsWith("weft:")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Waits for the JVM to end by itself and returns its exit status; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the app did not exit within " + timeout + "\n" + output());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        return "--- stdout ---\n" + String.join("\n", stdout()) + "\n--- stderr ---\n" + String.join("\n", stderr());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final String app;
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String agentArgs;
        private boolean withAgent = true;
        private boolean waitForEndpoint = true;
        private int maxOpenFiles;
        private boolean fromJar;
        private String runJar;

        private Builder(String app, String mainClass) {
            this.app = app;
            this.mainClass = mainClass;
            env.put("WEFT_HOST", "127.0.0.1");
        }

        public Builder arg(Object arg) {
            args.add(String.valueOf(arg));
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder agentArgs(String agentArgs) {
            this.agentArgs = agentArgs;
            return this;
        }

        public Builder withoutAgent() {
            this.withAgent = false;
            this.waitForEndpoint = false;
            return this;
        }

        /** Starts the JVM under {@code ulimit -n}: soft and hard, so the JVM cannot raise it. */
        public Builder maxOpenFiles(int limit) {
            this.maxOpenFiles = limit;
            return this;
        }

        /** Run the app from its packaged jar instead of target/classes (class data sharing archives only jars). */
        public Builder fromJar() {
            this.fromJar = true;
            return this;
        }

        private Builder runJar(String jar) {
            this.runJar = jar;
            return this;
        }

        /** Do not wait for the agent's endpoint, e.g. when the test expects the agent to stay off. */
        public Builder withoutEndpoint() {
            this.waitForEndpoint = false;
            return this;
        }

        /** {@link #start} on another thread: JVMs started together start sooner on a machine with cores to spare. */
        public java.util.concurrent.CompletableFuture<AgentJvm> startAsync() {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return start();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        public AgentJvm start() throws IOException, InterruptedException {
            int metricsPort;
            if (env.containsKey("WEFT_PORT")) {
                metricsPort = parsePortOr(env.get("WEFT_PORT"), -1);
            } else {
                metricsPort = Ports.free();
                env.put("WEFT_PORT", String.valueOf(metricsPort));
            }
            List<String> command = new ArrayList<>();
            if (maxOpenFiles > 0) {
                // exec keeps the pid, so pid() and /proc are the JVM's
                command.addAll(List.of("/bin/sh", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$@\"", "sh"));
            }
            command.add(java());
            if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:AOT"))) {
                command.add("-Xshare:auto"); // the JDK refuses it beside its AOT cache options
            }
            if (withAgent) {
                command.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
            }
            command.addAll(jvmOptions);
            if (runJar != null || mainClass == null) {
                command.add("-jar");
                command.add((runJar != null ? appModule(app).resolve(runJar) : runnableJarOf(app)).toString());
            } else {
                command.add("-cp");
                command.add(classPath(app, fromJar));
                command.add(mainClass);
            }
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(k -> k.startsWith("WEFT_") || k.equals("JAVA_TOOL_OPTIONS"));
            builder.environment().putAll(env);
            Process process = builder.start();
            List<String> stdout = new ArrayList<>();
            List<String> stderr = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(1);
            pump(process.getInputStream(), stdout, READY_LINE, ready);
            pump(process.getErrorStream(), stderr, null, null);
            AgentJvm jvm = new AgentJvm(process, stdout, stderr, metricsPort);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    Thread.sleep(200);
                    jvm.close();
                    throw new AssertionError("the app did not print " + READY_LINE + ": " + command + "\n" + jvm.output());
                }
            }
            if (waitForEndpoint) {
                try {
                    jvm.awaitEndpoint();
                } catch (AssertionError e) {
                    jvm.close();
                    throw e;
                }
            }
            return jvm;
        }

        private static int parsePortOr(String value, int fallback) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    /** The app's classes (or its packaged jar) and its runtime dependencies, as its module wrote them at package time. */
    static String classPath(String app, boolean fromJar) throws IOException {
        Path module = appModule(app);
        Path listed = module.resolve("target/classpath.txt");
        if (!Files.exists(listed)) {
            throw new IllegalStateException(listed + " is missing: run the build through the package phase first");
        }
        String dependencies = new String(Files.readAllBytes(listed), StandardCharsets.UTF_8).trim();
        Path classes = module.resolve("target/classes");
        if (fromJar) {
            try (java.util.stream.Stream<Path> files = Files.list(module.resolve("target"))) {
                classes = files.filter(f -> f.getFileName().toString().endsWith(".jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no jar in " + module.resolve("target")));
            }
        }
        return classes + (dependencies.isEmpty() ? "" : File.pathSeparator + dependencies);
    }

    /** The folder of a smoke app module. */
    static Path appModule(String app) {
        return Paths.get(System.getProperty("smoke.apps", "../apps"), app).toAbsolutePath().normalize();
    }

    /** The jar a module's build made to be run with {@code java -jar}: not the shade plugin's original-*.jar. */
    static Path runnableJarOf(String app) throws IOException {
        Path target = appModule(app).resolve("target");
        try (java.util.stream.Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(f -> !f.getFileName().toString().startsWith("original-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target
                            + ": run the build through the package phase first"));
        }
    }

    private static void pump(java.io.InputStream in, List<String> sink, String readyLine, CountDownLatch ready) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (sink) {
                        sink.add(line);
                    }
                    if (readyLine != null && line.trim().equals(readyLine)) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "smoke-output");
        t.setDaemon(true);
        t.start();
    }
}
