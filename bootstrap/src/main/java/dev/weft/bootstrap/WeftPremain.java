package dev.weft.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * The agent's entry point, named by {@code Premain-Class} and {@code Agent-Class}.
 *
 * <p>The JVM loads this class with the system class loader. It first appends the agent jar to the
 * bootstrap class path, so that {@code dev.weft.bootstrap} resolves to one copy visible from every
 * class loader, then starts the agent proper inside an {@link AgentClassLoader}. It refers to no
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
        if (started) {
            System.err.println("weft: the agent is already running in this JVM; ignoring a second -javaagent");
            return;
        }
        started = true;
        try {
            File jar = agentJar();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
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

    private static File agentJar() throws Exception {
        return new File(WeftPremain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
