package dev.weft.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * The agent's entry point, named by {@code Premain-Class} and {@code Agent-Class}.
 *
 * <p>The JVM loads this class with the system class loader. It first puts the agent jar's
 * {@code dev.weft.bootstrap} classes in the boot loader, so that they resolve to one copy visible
 * from every class loader, then starts the agent proper inside an {@link AgentClassLoader}. It refers to no
 * other Weft class by name in its signatures: a typed reference would let the verifier load that
 * class through the system class loader before the append, and we would end up with two copies.
 *
 * <p>Nothing here may throw into the JVM's startup: any failure is one {@code weft:} line on
 * stderr and the application starts without the agent.
 */
public final class WeftPremain {

    private static boolean started;

    private WeftPremain() {}

    public static void premain(String agentArgs, Instrumentation inst) {
        launch(agentArgs, inst, false);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) {
        launch(agentArgs, inst, true);
    }

    private static synchronized void launch(String agentArgs, Instrumentation inst, boolean attached) {
        // the property also covers a second copy of this class: after the first start, the boot
        // loader holds one, which a later attach through the system class loader may find
        if (started || System.getProperty(WeftCommand.RUNNING) != null) {
            System.err.println("weft: the agent is already running in this JVM; ignoring a second "
                    + (attached ? "attach" : "-javaagent"));
            return;
        }
        started = true;
        try {
            File jar = agentJar();
            putOnBootLoader(inst, jar);
            Class<?> loaderType = Class.forName("dev.weft.bootstrap.AgentClassLoader", true, null);
            ClassLoader agentLoader = (ClassLoader) loaderType.getConstructor(File.class).newInstance(jar);
            Class<?> starter = Class.forName("dev.weft.agent.AgentStarter", true, agentLoader);
            starter.getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, agentArgs, inst, attached);
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            System.err.println("weft: the agent could not start and is disabled; the application runs"
                    + " without it: " + cause);
        }
    }

    /**
     * Java 9+: defines the bootstrap classes in the boot loader ({@link BootClassDefiner}), which keeps
     * the JVM's class data sharing on. Java 8, or a JVM that refuses: appends the jar to the boot
     * class path. The definer runs in a loader of its own, so that what it is allowed to open is
     * not opened to the application's classes.
     */
    private static void putOnBootLoader(Instrumentation inst, File jar) throws Exception {
        JarFile jarFile = new JarFile(jar);
        try (java.net.URLClassLoader isolated = new java.net.URLClassLoader(new java.net.URL[] {jar.toURI().toURL()}, null)) {
            Class<?> definer = isolated.loadClass("dev.weft.bootstrap.BootClassDefiner");
            definer.getMethod("defineAll", Instrumentation.class, JarFile.class).invoke(null, inst, jarFile);
            jarFile.close();
        } catch (Throwable java8OrRefused) {
            // whatever was defined stays; the boot class path supplies the rest
            inst.appendToBootstrapClassLoaderSearch(jarFile);
        }
    }

    /**
     * The agent jar as a file. The JVM's own {@code -javaagent} gives a {@code file:} code source;
     * a launcher that loads agents itself may not (JBoss Modules, WildFly's {@code MODULE_OPTS}, hands
     * a {@code jar:file:...!/} URL, whose URI is not hierarchical), so the jar's {@code file:} URL is
     * also taken from inside a {@code jar:} URL, or from where this class itself was read.
     */
    static File agentJar() throws Exception {
        java.security.CodeSource source = WeftPremain.class.getProtectionDomain().getCodeSource();
        File jar = source == null ? null : fileOf(source.getLocation());
        java.net.URL self = WeftPremain.class.getResource("WeftPremain.class");
        if (jar == null && self != null && self.getProtocol().equals("jar")) {
            jar = fileOf(self);
        }
        if (jar == null || !jar.isFile()) {
            throw new IllegalStateException("cannot tell the agent jar's file from its code source "
                    + (source == null ? null : source.getLocation()) + "; add it with -javaagent:/path/to/weft-agent.jar");
        }
        return jar;
    }

    /** The local file a {@code file:} URL, or the jar part of a {@code jar:file:...!/entry} URL, names; else null. */
    static File fileOf(java.net.URL url) {
        if (url == null) {
            return null;
        }
        String text = url.toString();
        if (text.startsWith("jar:")) {
            int separator = text.indexOf("!/");
            text = text.substring("jar:".length(), separator < 0 ? text.length() : separator);
        }
        if (!text.startsWith("file:")) {
            return null;
        }
        try {
            File file = new File(new java.net.URI(text));
            return file.isDirectory() ? null : file;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
