package dev.weft.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one class-file transformer. It passes the {@link ModuleWeaver} only the classes the
 * {@link ClassFileFilter} accepts; every other class loads untouched and unparsed.
 *
 * <p>It is registered in {@code premain} and starts out <em>pending</em> while a background thread
 * builds the registry and records the modules' transformations (work the application's start need
 * not wait for). A candidate that loads meanwhile, on one of the application's threads, waits for it
 * (at most {@link #MAX_WAIT_MILLIS}) and is woven as it loads: the library it belongs to is being used now, and its first calls must be
 * recorded. Candidates of modules that need not wait ({@code weavesBeforeFirstUse() == false}), those
 * loaded by the agent's own start thread, and those whose wait ran out are only noted. Once
 * {@link #activate activated} it hands candidates straight to the weaver, and {@link Instrumenter}
 * retransforms the ones noted.
 *
 * <p>The wait is bounded because the thread that loads a candidate may hold a lock the start thread
 * needs (a class being initialised, say): then the class loads unwoven after the wait and is woven
 * by retransformation, as without the wait.
 *
 * <p>On Java 9+ the JVM calls the variant of {@code transform} that takes the class's module: a
 * woven class in a named module ({@code java.base}, {@code java.net.http}) is given a read edge to
 * the bootstrap class path's unnamed module, where {@code dev.weft.bootstrap} lives, without which its
 * advice would fail with {@code IllegalAccessError}. That override lives in
 * {@code ModulePrefilteringTransformer}, compiled for Java 9 from {@code src/main/java9}, and is
 * chosen at run time, so this class stays loadable on Java 8.
 */
class PrefilteringTransformer implements ClassFileTransformer {

    private static final String MODULE_AWARE = "dev.weft.agent.instrument.ModulePrefilteringTransformer";
    /** The agent jar's own loader; null where the agent's classes sit on an application class path (tests). */
    private static final ClassLoader AGENT_LOADER = agentLoader();

    /** Longest a candidate's loading waits for the weaving; see the class comment. */
    static final long MAX_WAIT_MILLIS = 3000;

    protected final ClassFileFilter filter;
    private final ClassFileFilter waitingFilter;
    private final Set<String> noted = ConcurrentHashMap.<String>newKeySet();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Thread starter;
    protected volatile ModuleWeaver delegate;
    /** Set after the loaders were woven: from then on every candidate goes to {@link #delegate}. */
    private volatile boolean open;
    /** Only at WEFT_LOG_LEVEL=debug, else null. */
    private volatile WeavingCosts costs;

    protected PrefilteringTransformer(ClassFileFilter filter, ClassFileFilter waitingFilter) {
        this.filter = filter;
        this.waitingFilter = waitingFilter;
    }

    /**
     * The variant this JVM calls: with modules on Java 9+, without on Java 8. {@code waitingFilter}
     * accepts the candidates that wait for the weaving while it is pending.
     */
    static PrefilteringTransformer create(ClassFileFilter filter, ClassFileFilter waitingFilter,
                                          Instrumentation instrumentation, boolean modules) {
        if (!modules) {
            return new PrefilteringTransformer(filter, waitingFilter);
        }
        try {
            return (PrefilteringTransformer) Class.forName(MODULE_AWARE)
                    .getDeclaredConstructor(ClassFileFilter.class, ClassFileFilter.class, Instrumentation.class)
                    .newInstance(filter, waitingFilter, instrumentation);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the agent jar lacks " + MODULE_AWARE, e);
        }
    }

    /** Whether {@code loader} is the agent jar's own: its classes are never woven. */
    static boolean isAgentLoader(ClassLoader loader) {
        return loader != null && loader == AGENT_LOADER;
    }

    private static ClassLoader agentLoader() {
        ClassLoader loader = PrefilteringTransformer.class.getClassLoader();
        return loader != null && loader.getClass().getName().equals("dev.weft.bootstrap.AgentClassLoader") ? loader : null;
    }

    /** Measures the weaving's CPU time from now on (debug logging). */
    void measure(WeavingCosts costs) {
        this.costs = costs;
    }

    /** The class transformed by the weaver, measured when {@link #measure} was called. */
    protected final byte[] weave(ModuleWeaver weaver, ClassLoader loader, String internalName,
                                 ProtectionDomain protectionDomain, byte[] classFile) {
        WeavingCosts measured = costs;
        if (measured == null) {
            return weaver.transform(loader, internalName, protectionDomain, classFile);
        }
        long started = measured.now();
        try {
            return weaver.transform(loader, internalName, protectionDomain, classFile);
        } finally {
            measured.woven(started);
        }
    }

    /** The agent's start thread, whose own class loading must never wait for itself. */
    void startsOn(Thread thread) {
        starter = thread;
    }

    /**
     * From now on the candidates that need not wait (class loaders) go to the weaver; the others
     * still wait, until {@link #activate}.
     */
    void activateForLoaders(ModuleWeaver weaver) {
        delegate = weaver;
    }

    /** From now on every candidate goes to the weaver, and waiting ones go on. */
    void activate() {
        open = true;
        ready.countDown();
    }

    /** A noted candidate that has been woven since. */
    void forget(String internalName) {
        noted.remove(internalName);
    }

    /** The weaving will not come (the start failed): nothing waits any longer. */
    void abandon() {
        ready.countDown();
    }

    /** The candidates that loaded while pending, by internal name: they are woven by retransformation. */
    Set<String> noted() {
        return new HashSet<String>(noted);
    }

    /**
     * The weaver when this class is a candidate and the agent is active, else null: the class loads
     * untouched (and, while pending, a candidate's name is noted).
     */
    protected final ModuleWeaver target(ClassLoader loader, String internalName, byte[] classFile) {
        // the agent's own classes: never woven, and some mention what a module looks for
        if (isAgentLoader(loader) || !filter.accepts(loader, internalName, classFile)) {
            return null;
        }
        ModuleWeaver weaver = delegate;
        if (open) {
            return weaver;
        }
        boolean waits = waitingFilter.accepts(loader, internalName, classFile);
        if (!waits && weaver != null) {
            return weaver;
        }
        if (waits && Thread.currentThread() != starter && awaitActivation()) {
            return delegate;
        }
        noted.add(internalName);
        return null;
    }

    /** True once every candidate goes to the weaver; false after the wait ran out or was abandoned. */
    private boolean awaitActivation() {
        try {
            ready.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return open;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        ModuleWeaver weaver = target(loader, internalName, classFile);
        return weaver == null ? null : weave(weaver, loader, internalName, protectionDomain, classFile);
    }
}
