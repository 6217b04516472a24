package dev.weft.agent;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.endpoint.MetricsEndpoint;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.instrument.Instrumenter;
import dev.weft.agent.metrics.Metrics;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.ServerThreadPools;
import dev.weft.bootstrap.WeftCommand;
import dev.weft.bootstrap.Weft;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Starts the agent inside its own class loader; called once by {@code WeftPremain}.
 *
 * <p>Order matters: configuration first (a bad value disables everything), then the transformer,
 * which must be in place before the application loads its classes, then, on a background thread,
 * the registry and the endpoint (a busy port leaves the recorder a no-op: nothing is recorded).
 * Every failure is one {@code weft:} line and the application carries on.
 */
public final class AgentStarter {

    private AgentStarter() {}

    public static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
        long started = System.nanoTime();
        try {
            if (isJdkTool(System.getProperty("sun.java.command", ""))) {
                return;
            }
            // for `java -jar weft-agent.jar list` and a second attach; the version once it serves
            System.setProperty(WeftCommand.RUNNING, "starting");
            Config config;
            MetricsEndpoint.Security security;
            try {
                config = Config.load(agentArgs, System.getProperties(), System.getenv());
                // the TLS stores are read now, so a wrong path or password keeps the whole agent off
                security = MetricsEndpoint.security(config);
            } catch (ConfigException e) {
                System.err.println("weft: " + e.getMessage() + "; the agent is disabled and the application"
                        + " runs without it");
                System.setProperty(WeftCommand.RUNNING, "off: invalid configuration");
                return;
            }
            Log.setLevel(config.logLevel());
            for (String warning : config.warnings()) {
                Log.warn(warning);
            }
            if (!config.enabled()) {
                Log.info("disabled by configuration (WEFT_ENABLED=false)");
                System.setProperty(WeftCommand.RUNNING, "off: WEFT_ENABLED=false");
                return;
            }
            Weft.reportAdviceErrors(Log.enabled(Log.Level.WARN));
            Instrumenter instrumenter;
            try {
                instrumenter = Instrumenter.prepare(instrumentation, config.disabledInstrumentations());
            } catch (Throwable t) {
                Log.error("could not install the instrumentation; " + config.metricsPath() + " will serve JVM and"
                        + " process metrics only: " + t);
                instrumenter = null;
            }
            if (Log.enabled(Log.Level.DEBUG)) {
                reportCosts(instrumenter, started);
            }
            startInBackground(config, security, instrumenter, attached);
        } catch (Throwable t) {
            System.err.println("weft: the agent failed to start and is disabled; the application runs without it: " + t);
        }
    }

    /**
     * The rest takes a few hundred milliseconds of class loading (the weaving, the Prometheus client,
     * the JVM's management beans), done on a background thread while the application starts: first
     * the registry and the recorders, then the weaving (see {@link Instrumenter}; a library class the
     * application loads meanwhile waits for it), then the endpoint, so that once {@code /metrics}
     * answers, every class loaded so far is woven, and every call through a woven class was recorded.
     */
    private static void startInBackground(final Config config, final MetricsEndpoint.Security security,
                                          final Instrumenter instrumenter, final boolean attached) {
        Thread starter = new Thread(() -> {
            try {
                InstrumentationStats stats = new InstrumentationStats();
                String version = version();
                Metrics metrics = new Metrics(config, version, stats);
                // At premain, recording is on before the weaving: library classes that load meanwhile
                // wait for the weaving, and their first calls must find the recorders. After an attach
                // the classes are loaded already; the recorders come once they are woven, so that
                // whoever waits for them (a test, an operator's script) sees a woven application.
                if (!attached) {
                    installRecorders(metrics);
                }
                List<String> installed = Collections.emptyList();
                if (instrumenter != null) {
                    try {
                        instrumenter.activate(stats, attached);
                        installed = instrumenter.installed();
                    } catch (Throwable t) {
                        Log.error("could not install the instrumentation; " + config.metricsPath() + " will serve"
                                + " JVM and process metrics only: " + t);
                    }
                }
                if (attached) {
                    installRecorders(metrics);
                }
                metrics.health().modulesActive(installed);
                MetricsEndpoint endpoint;
                try {
                    endpoint = MetricsEndpoint.start(config, metrics, security);
                } catch (IOException | RuntimeException e) {
                    Weft.installServer(ServerRecorder.NOOP);
                    Weft.installClient(ClientRecorder.NOOP);
                    ServerThreadPools.install(null);
                    Log.error("cannot serve metrics on " + config.host() + ":" + config.port() + " (" + describe(e)
                            + "); set WEFT_PORT to a free port. Weft records nothing; the application runs as usual");
                    System.setProperty(WeftCommand.RUNNING, "off: cannot serve on port " + config.port());
                    return;
                }
                System.setProperty(WeftCommand.RUNNING, version);
                System.setProperty(WeftCommand.ENDPOINT, endpoint.scheme() + "://" + config.host() + ":"
                        + endpoint.port() + config.metricsPath());
                Log.info("Weft " + version + " serving metrics on " + endpoint.scheme() + "://" + config.host() + ":"
                        + endpoint.port() + config.metricsPath()
                        + (security == null ? "" : " with " + security.describe()) + " (instrumentations: "
                        + (installed.isEmpty() ? "none" : String.join(", ", installed))
                        + (attached ? "; attached to a running JVM" : "") + ")");
            } catch (Throwable t) {
                System.err.println("weft: the agent failed to start its registry; Weft records nothing and the"
                        + " application runs as usual: " + t);
            } finally {
                if (instrumenter != null) {
                    instrumenter.abandon(); // no-op once activated; else nothing may keep waiting for it
                }
                if (Log.enabled(Log.Level.DEBUG)) {
                    Log.debug("the background start took " + java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime() / 1000000 + " ms of CPU");
                }
            }
        }, "weft-start");
        starter.setDaemon(true);
        if (instrumenter != null) {
            instrumenter.startsOn(starter);
        }
        starter.start();
    }

    /**
     * Debug logging: what the start-up cost in CPU time, premain's and the weaving's, printed at
     * exit; the background start prints its own when done.
     */
    private static void reportCosts(Instrumenter instrumenter, long premainStarted) {
        Supplier<String> weaving = instrumenter == null ? () -> "no weaving" : instrumenter.measureWeaving();
        Log.debug("premain took " + (System.nanoTime() - premainStarted) / 1000000 + " ms (wall clock, after the"
                + " bootstrap classes were defined)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Log.debug("start-up costs: " + weaving.get()),
                "weft-costs"));
    }

    private static void installRecorders(Metrics metrics) {
        Weft.installServer(FailingRecorderHook.wrap(metrics.server(), System.getProperties()));
        Weft.installClient(metrics.client());
        ServerThreadPools.install(metrics.threadPools());
    }

    /**
     * JAVA_TOOL_OPTIONS puts the agent into every JVM of a container, including jcmd, jps, keytool,
     * javac and jshell. Those must not take the application's metrics port or weave anything.
     */
    static boolean isJdkTool(String command) {
        String main = command.trim();
        int space = main.indexOf(' ');
        if (space >= 0) {
            main = main.substring(0, space);
        }
        // tools in named modules are launched as module/class, e.g. jdk.compiler/com.sun.tools.javac.Main
        int slash = main.indexOf('/');
        if (slash > 0 && !main.endsWith(".jar")) {
            main = main.substring(slash + 1);
        }
        // No application puts its main class in the JDK's own namespaces. com.sun.* is not one of
        // them as a whole: GlassFish and Payara start from com.sun.enterprise.glassfish.bootstrap.
        return main.startsWith("sun.") || main.startsWith("com.sun.tools.") || main.startsWith("jdk.");
    }

    private static String version() {
        try (InputStream in = AgentStarter.class.getResourceAsStream("weft-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
