package dev.weft.bootstrap;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar weft-agent.jar ...}, the jar's {@code Main-Class}:
 *
 * <pre>
 * attach &lt;pid&gt; [setting=value,...]   load the agent into a running JVM (settings as in -javaagent:...=)
 * list                                the local JVMs, and the ones Weft runs in
 * check [setting=value,...]           validate the WEFT_* settings of this environment; print the
 *                                     effective configuration and the modules
 * </pre>
 *
 * <p>The attach API ({@code jdk.attach}; {@code tools.jar} on Java 8) is used by reflection, so
 * the jar needs nothing on its class path and a JRE without the API gets a sentence, not a stack
 * trace. A JVM running Weft carries the system property {@value #RUNNING} (set by the agent as it
 * starts) and {@value #ENDPOINT} (once it serves): that is how {@code list} and a second
 * {@code attach} know.
 */
public final class WeftCommand {

    /** Set in the application's JVM when the agent starts: its version, or why it is off. */
    public static final String RUNNING = "dev.weft.agent";
    /** Set in the application's JVM once the endpoint serves: its URL. */
    public static final String ENDPOINT = "dev.weft.agent.endpoint";

    private static final String USAGE = String.join(System.lineSeparator(),
            "Weft, a Java agent for Prometheus metrics.",
            "",
            "At start-up:   java -javaagent:weft-agent.jar[=setting=value,...] ...",
            "",
            "Commands:",
            "  java -jar weft-agent.jar attach <pid> [setting=value,...]",
            "        load Weft into a running JVM (classes already loaded are woven; requests from then on are recorded)",
            "  java -jar weft-agent.jar list",
            "        the local JVMs, and the ones Weft runs in",
            "  java -jar weft-agent.jar check [setting=value,...]",
            "        validate the WEFT_* settings of this environment; print the effective configuration and the modules",
            "",
            "Settings are the WEFT_* environment variables, weft.* system properties, or agent arguments",
            "(WEFT_PORT, -Dweft.port, port=9464); see docs/configuration.md.");

    private WeftCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            switch (args[0]) {
                case "attach":
                    if (args.length < 2 || args.length > 3) {
                        out.println("weft: attach needs a process id and, optionally, settings: attach <pid> [setting=value,...]");
                        return 2;
                    }
                    return attach(args[1], args.length == 3 ? args[2] : null, out);
                case "list":
                    return list(out);
                case "check":
                    return check(args.length > 1 ? args[1] : null, out);
                default:
                    out.println("weft: unknown command \"" + args[0] + "\"");
                    out.println(USAGE);
                    return 2;
            }
        } catch (CommandFailed e) {
            out.println("weft: " + e.getMessage());
            return 1;
        }
    }

    private static int attach(String pid, String settings, PrintStream out) throws CommandFailed {
        Attach api = Attach.find();
        String jar = agentJarPath();
        Object vm = api.attach(pid);
        try {
            Properties properties = api.systemProperties(vm);
            if (properties.getProperty(RUNNING) != null) {
                String endpoint = properties.getProperty(ENDPOINT);
                out.println("weft: JVM " + pid + " runs Weft already (" + properties.getProperty(RUNNING)
                        + (endpoint == null ? "" : ", metrics on " + endpoint) + "); nothing to do");
                return 0;
            }
            api.loadAgent(vm, jar, settings);
            // the endpoint starts on the agent's own thread once the loaded classes are woven
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                properties = api.systemProperties(vm);
                String endpoint = properties.getProperty(ENDPOINT);
                if (endpoint != null) {
                    out.println("weft: attached to JVM " + pid + "; metrics on " + endpoint);
                    return 0;
                }
                String running = properties.getProperty(RUNNING);
                if (running != null && running.startsWith("off")) {
                    out.println("weft: loaded into JVM " + pid + ", but the agent is " + running
                            + "; the application's stderr has the weft: line that says why");
                    return 1;
                }
                sleep(100);
            }
            out.println("weft: loaded into JVM " + pid + ", but it serves no metrics after 60 s; the application's"
                    + " stderr has the weft: lines that say why");
            return 1;
        } finally {
            api.detach(vm);
        }
    }

    private static int list(PrintStream out) throws CommandFailed {
        Attach api = Attach.find();
        String self = selfPid();
        out.println("PID      WEFT                     MAIN");
        for (Object descriptor : api.list()) {
            String pid = api.id(descriptor);
            if (pid.equals(self)) {
                continue;
            }
            String weft;
            try {
                Object vm = api.attach(pid);
                try {
                    Properties p = api.systemProperties(vm);
                    String running = p.getProperty(RUNNING);
                    String endpoint = p.getProperty(ENDPOINT);
                    weft = running == null ? "-" : endpoint != null ? endpoint : running;
                } finally {
                    api.detach(vm);
                }
            } catch (CommandFailed e) {
                weft = "? (cannot attach)";
            }
            out.println(pad(pid, 8) + " " + pad(weft, 24) + " " + api.displayName(descriptor));
        }
        return 0;
    }

    /** Runs {@code dev.weft.agent.cli.Check} in the agent's own class loader, as the agent would load it. */
    private static int check(String settings, PrintStream out) throws CommandFailed {
        try {
            ClassLoader agent = new AgentClassLoader(new File(agentJarPath()), WeftCommand.class.getClassLoader());
            Class<?> check = Class.forName("dev.weft.agent.cli.Check", true, agent);
            return (Integer) check.getMethod("run", String.class, PrintStream.class).invoke(null, settings, out);
        } catch (InvocationTargetException e) {
            throw new CommandFailed("check failed: " + e.getCause());
        } catch (Exception | LinkageError e) {
            throw new CommandFailed("check failed: " + e);
        }
    }

    private static String agentJarPath() throws CommandFailed {
        try {
            return WeftPremain.agentJar().getAbsolutePath();
        } catch (Exception e) {
            throw new CommandFailed(e.getMessage());
        }
    }

    private static String selfPid() {
        String name = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command that cannot go on; its message is the one line the user sees. */
    static final class CommandFailed extends Exception {
        CommandFailed(String message) {
            super(message);
        }
    }

    /** The JDK's attach API, reached by reflection. */
    private static final class Attach {
        private final Class<?> vmType;
        private final Class<?> descriptorType;

        private Attach(ClassLoader loader) throws ClassNotFoundException {
            vmType = Class.forName("com.sun.tools.attach.VirtualMachine", true, loader);
            descriptorType = Class.forName("com.sun.tools.attach.VirtualMachineDescriptor", true, loader);
        }

        static Attach find() throws CommandFailed {
            try {
                return new Attach(ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException | LinkageError notOnThePath) {
                // Java 8: the API is in the JDK's lib/tools.jar
                File tools = new File(System.getProperty("java.home"), "../lib/tools.jar");
                if (tools.isFile()) {
                    try {
                        return new Attach(new URLClassLoader(new URL[] {tools.toURI().toURL()}, null));
                    } catch (Exception | LinkageError e) {
                        // fall through to the sentence below
                    }
                }
                throw new CommandFailed("this Java (" + System.getProperty("java.home") + ") has no attach API;"
                        + " run the command with a JDK's java (with the jdk.attach module)");
            }
        }

        Object attach(String pid) throws CommandFailed {
            try {
                return vmType.getMethod("attach", String.class).invoke(null, pid);
            } catch (InvocationTargetException e) {
                throw new CommandFailed("cannot attach to JVM " + pid + ": " + e.getCause().getMessage()
                        + " (the JVM must run on this machine as the same user, without -XX:+DisableAttachMechanism)");
            } catch (ReflectiveOperationException e) {
                throw new CommandFailed("cannot attach to JVM " + pid + ": " + e);
            }
        }

        Properties systemProperties(Object vm) throws CommandFailed {
            return (Properties) call(vm, "getSystemProperties", new Class<?>[0]);
        }

        void loadAgent(Object vm, String jar, String settings) throws CommandFailed {
            call(vm, "loadAgent", new Class<?>[] {String.class, String.class}, jar, settings);
        }

        void detach(Object vm) {
            try {
                call(vm, "detach", new Class<?>[0]);
            } catch (CommandFailed ignored) {
                // the connection closes with this process anyway
            }
        }

        List<?> list() throws CommandFailed {
            try {
                return (List<?>) vmType.getMethod("list").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new CommandFailed("cannot list the local JVMs: " + e);
            }
        }

        String id(Object descriptor) throws CommandFailed {
            return (String) call(descriptorType, descriptor, "id");
        }

        String displayName(Object descriptor) throws CommandFailed {
            return (String) call(descriptorType, descriptor, "displayName");
        }

        private Object call(Object vm, String name, Class<?>[] types, Object... args) throws CommandFailed {
            try {
                Method m = vmType.getMethod(name, types);
                return m.invoke(vm, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new CommandFailed(name + " failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            } catch (ReflectiveOperationException e) {
                throw new CommandFailed(name + " failed: " + e);
            }
        }

        private static Object call(Class<?> type, Object target, String name) throws CommandFailed {
            try {
                return type.getMethod(name).invoke(target);
            } catch (ReflectiveOperationException e) {
                throw new CommandFailed(name + " failed: " + e);
            }
        }
    }
}
