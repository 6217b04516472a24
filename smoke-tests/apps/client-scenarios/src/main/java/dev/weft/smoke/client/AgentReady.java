package dev.weft.smoke.client;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Waits until the agent records client calls. The agent builds its registry on a background thread
 * while the application starts, and calls made before that are (by design) not recorded; an app
 * whose first calls are the ones a test counts must wait for it.
 *
 * <p>{@code dev.weft.bootstrap} is on the bootstrap class path, so the app sees it without a
 * compile-time dependency: the recorder is ready when {@code Weft.client()} is no longer the no-op.
 * The weaving comes after the recorder: a library class the app loaded meanwhile waits for it, but
 * only so long, and on a busy machine it may run unwoven until the agent retransforms it. The agent
 * sets the {@code dev.weft.agent.endpoint} system property once its endpoint serves, which it starts
 * after weaving every class loaded so far; that is the second thing waited for.
 */
public final class AgentReady {

    private AgentReady() {}

    /**
     * Whether this JVM runs the agent: its premain puts {@code dev.weft.bootstrap} in the boot loader
     * before {@code main} starts. The smoke tests also run the client apps without it, to compare.
     */
    public static boolean present() {
        try {
            Class.forName("dev.weft.bootstrap.Weft", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static void await() throws Exception {
        Class<?> weft = Class.forName("dev.weft.bootstrap.Weft", false, null);
        Class<?> recorder = Class.forName("dev.weft.bootstrap.ClientRecorder", false, null);
        Method client = weft.getMethod("client");
        Field noop = recorder.getField("NOOP");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (client.invoke(null) == noop.get(null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not install its client recorder within 60 s");
            }
            Thread.sleep(20);
        }
        while (System.getProperty("dev.weft.agent.endpoint") == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not finish weaving and serve within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
