package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import dev.weft.agent.weave.ClassFiles;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the instrumentation modules, leaves out the disabled ones and weaves the rest through one
 * class-file transformer, in two steps.
 *
 * <p>{@link #prepare} runs in {@code premain}: it reads each module's {@link Candidates} and
 * registers the {@link PrefilteringTransformer}. {@link #activate} runs on the agent's background
 * thread while the application starts: it records the modules' {@link Transformations}, hands the
 * filter the {@link ModuleWeaver} that applies them, and retransforms the candidates that loaded in
 * the meantime without waiting for it (all of them, when attached to a running JVM). Candidates
 * that record requests wait for it instead, so that no request is lost after {@code premain}; see
 * the filter. Advice changes no class's shape, so retransformation is always allowed.
 *
 * <p>The weaver reads only the classes some module names or recognises from its class file: the
 * thousands of others an application loads cost a name lookup and a byte scan, not a parse.
 *
 * <p>Classes of the bootstrap loader are left alone, except the few JDK HTTP clients named in
 * {@link #WOVEN_JDK_CLASSES}.
 */
public final class Instrumenter {

    /** The bootstrap classes an instrumentation weaves; every other one is ignored. */
    private static final String[] WOVEN_JDK_CLASSES = {
        "sun.net.www.protocol.http.HttpURLConnection",
        "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection"};

    /** How often the retransformation looks again for a candidate that was still loading. */
    private static final int SCANS = 5;
    private static final long SCAN_PAUSE_MILLIS = 20;

    private final Instrumentation instrumentation;
    private final List<InstrumentationModule> modules;
    private final List<String> installed;
    private final ClassFileFilter filter;
    private final PrefilteringTransformer transformer;
    /** See {@link #loadedByApplicationLoaders}; woven with the candidates loaded before the activation, then dropped. */
    private Set<Class<?>> loadedUnseen = Collections.emptySet();

    private Instrumenter(Instrumentation instrumentation, List<InstrumentationModule> modules) {
        this.instrumentation = instrumentation;
        this.modules = modules;
        List<String> names = new ArrayList<String>();
        List<Candidates> candidates = new ArrayList<Candidates>();
        List<Candidates> waiting = new ArrayList<Candidates>();
        for (InstrumentationModule module : modules) {
            names.add(module.name());
            candidates.add(module.candidates());
            if (module.weavesBeforeFirstUse()) {
                waiting.add(module.candidates());
            }
        }
        this.installed = Collections.unmodifiableList(names);
        this.filter = new ClassFileFilter(candidates, new UncoveredStacks(names));
        this.transformer = modules.isEmpty()
                ? null
                : PrefilteringTransformer.create(filter, new ClassFileFilter(waiting), instrumentation, hasModules());
        if (transformer != null) {
            instrumentation.addTransformer(transformer, true);
            // after the registration: whatever loads from now on passes the transformer
            loadedUnseen = loadedByApplicationLoaders(instrumentation);
        }
    }

    /**
     * The classes of application loaders already loaded, which the transformer never saw: usually
     * none, but an AOT cache (Java 24+) loads the application's classes it holds before any agent
     * starts. The agent's own classes are left out: never woven, and reading their class files
     * again (each lookup asks every module of the JDK first) cost more than the rest of premain.
     */
    private static Set<Class<?>> loadedByApplicationLoaders(Instrumentation instrumentation) {
        Set<Class<?>> loaded = new HashSet<Class<?>>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && !PrefilteringTransformer.isAgentLoader(loader)) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    /** Finds the enabled modules and registers the (pending) transformer; cheap enough for premain. */
    public static Instrumenter prepare(Instrumentation instrumentation, Set<String> disabled) {
        List<String> known = new ArrayList<String>();
        List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
        Iterator<InstrumentationModule> modules =
                ServiceLoader.load(InstrumentationModule.class, Instrumenter.class.getClassLoader()).iterator();
        for (int failures = 0; failures < 100; ) {
            InstrumentationModule module;
            try {
                if (!modules.hasNext()) {
                    break;
                }
                module = modules.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // a module built for a newer Java (java-http-client needs 11); the others still load
                failures++;
                Log.debug("instrumentation skipped on this JVM: " + e);
                continue;
            }
            known.add(module.name());
            if (disabled.contains(module.name())) {
                Log.debug("instrumentation " + module.name() + " disabled by configuration");
                continue;
            }
            enabled.add(module);
        }
        for (String name : disabled) {
            if (!known.contains(name)) {
                Log.warn("WEFT_INSTRUMENTATIONS_DISABLED names \"" + name + "\", which is not an instrumentation;"
                        + " known: " + String.join(", ", known));
            }
        }
        return new Instrumenter(instrumentation, enabled);
    }

    /**
     * From now on, measures the CPU time of the weaving on the application's threads (debug
     * logging); the supplier tells it so far.
     */
    public Supplier<String> measureWeaving() {
        if (transformer == null) {
            return () -> "no weaving";
        }
        WeavingCosts costs = new WeavingCosts();
        transformer.measure(costs);
        return costs::describe;
    }

    /** The names of the enabled modules. */
    public List<String> installed() {
        return installed;
    }

    /** The thread that will call {@link #activate}: its own class loading never waits for it. */
    public void startsOn(Thread thread) {
        if (transformer != null) {
            transformer.startsOn(thread);
        }
    }

    /** The weaving will not be activated: classes waiting for it load unwoven now. */
    public void abandon() {
        if (transformer != null) {
            transformer.abandon();
        }
    }

    /**
     * Records the modules' transformations, hands the filter the transformer that applies them,
     * weaves the candidates that loaded before and, when nothing was woven yet, warms the weaving up.
     * Called once, from the agent's background thread.
     */
    public void activate(InstrumentationStats stats, boolean attached) {
        if (transformer == null) {
            return;
        }
        openJavaLangToAgent(instrumentation);
        ClassLoaders.reportSkipsTo(new SkipLog(stats));
        WeftAdvices advices = new WeftAdvices();
        Transformations transformations = new Transformations();
        for (InstrumentationModule module : modules) {
            transformations = module.instrument(transformations, advices);
        }
        ModuleWeaver weaver = new ModuleWeaver(transformations, WOVEN_JDK_CLASSES, stats);
        // class loaders first, and before any waiting candidate goes on: once woven, loaders that did
        // not delegate to the boot loader see dev.weft.bootstrap, and the classes they load can be woven
        transformer.activateForLoaders(weaver);
        weaveLoadedLoaders(stats);
        transformer.activate();
        weaveLoadedCandidates(stats, attached);
        // Nothing woven yet: take the weaving's cold start off the thread of the first candidate. Not on
        // one processor, where that thread would wait for this one anyway, and an application
        // without candidates would pay for nothing.
        if (!attached && stats.instrumentedClasses() == 0 && Runtime.getRuntime().availableProcessors() > 1) {
            WarmUp.run();
        }
    }

    /**
     * Retransforms every loaded class loader the filter accepts, including those loaded before the
     * agent: a launcher that starts agents itself (JBoss Modules with WildFly's {@code MODULE_OPTS})
     * has its module loaders loaded by then, and an attach comes later still.
     */
    private void weaveLoadedLoaders(InstrumentationStats stats) {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && ClassLoader.class.isAssignableFrom(type) && instrumentation.isModifiableClass(type)) {
                String internalName = type.getName().replace('.', '/');
                if (filter.accepts(loader, internalName, classFile(type))) {
                    retransform(type, stats);
                    transformer.forget(internalName);
                }
            }
        }
    }

    /**
     * Retransforms the loaded classes the weaver has not seen: those the pending transformer noted,
     * the named ones loaded before the agent (JDK classes), and every loaded class whose class file
     * the filter accepts among those the transformer never saw: the application's classes an AOT
     * cache loaded before the agent started, and, after an attach, all of them.
     */
    private void weaveLoadedCandidates(InstrumentationStats stats, boolean attached) {
        Set<String> noted = transformer.noted();
        Set<Class<?>> unseen = loadedUnseen;
        loadedUnseen = Collections.emptySet();
        for (int scan = 0; scan < SCANS; scan++) {
            Set<String> found = new HashSet<String>();
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                // arrays, primitives and hidden classes first: no class file to read for them; nor
                // for the agent's own classes, which are never woven
                if (!instrumentation.isModifiableClass(type)
                        || PrefilteringTransformer.isAgentLoader(type.getClassLoader())) {
                    continue;
                }
                String internalName = type.getName().replace('.', '/');
                boolean candidate = noted.contains(internalName) || (scan == 0 && (filter.isNamed(internalName)
                        || (attached || unseen.contains(type))
                        && filter.accepts(type.getClassLoader(), internalName, classFile(type))));
                if (candidate) {
                    found.add(internalName);
                    retransform(type, stats);
                }
            }
            noted.removeAll(found);
            if (noted.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(SCAN_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Log.debug("candidates noted but never loaded: " + noted);
    }

    private void retransform(Class<?> type, InstrumentationStats stats) {
        try {
            instrumentation.retransformClasses(type);
        } catch (Throwable t) {
            // the weaver counts its own failures; this is the JVM refusing the result
            stats.instrumentationFailed();
            Log.debug("could not retransform " + type.getName() + ": " + t);
        }
    }

    /** The class file of a loaded class, read from its loader; null when it cannot be read. */
    private static byte[] classFile(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : ClassFiles.read(loader, type.getName());
    }

    /** Java 9+: named modules exist, and woven classes in them need read edges. */
    private static boolean hasModules() {
        try {
            Class.forName("java.lang.Module");
            return true;
        } catch (ClassNotFoundException java8) {
            return false;
        }
    }

    /**
     * Auxiliary classes are defined in application class loaders through
     * {@code ClassLoader.defineClass}, which Java 9+ keeps closed. An agent may open it to itself
     * with {@code Instrumentation.redefineModule}: no {@code --add-opens} flag for users, and no
     * {@code sun.misc.Unsafe} (which Java 24+ warns about on stderr). Reflective because this code
     * is compiled for Java 8, where there are no modules and nothing to open.
     */
    private static void openJavaLangToAgent(Instrumentation instrumentation) {
        try {
            Class<?> moduleType = Class.forName("java.lang.Module");
            Object javaBase = Class.class.getMethod("getModule").invoke(Object.class);
            Object agent = Class.class.getMethod("getModule").invoke(Instrumenter.class);
            java.util.Map<String, java.util.Set<Object>> opens = java.util.Collections.singletonMap(
                    "java.lang", java.util.Collections.singleton(agent));
            Instrumentation.class.getMethod("redefineModule", moduleType, java.util.Set.class, java.util.Map.class,
                            java.util.Map.class, java.util.Set.class, java.util.Map.class)
                    .invoke(instrumentation, javaBase, java.util.Collections.emptySet(),
                            java.util.Collections.emptyMap(), opens, java.util.Collections.emptySet(),
                            java.util.Collections.emptyMap());
        } catch (ClassNotFoundException java8) {
            // no modules: defineClass is reachable as it is
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warn("cannot open java.lang to the agent; asynchronous servlet requests will not be recorded: " + e);
        }
    }
}
