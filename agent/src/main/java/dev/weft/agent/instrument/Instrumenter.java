package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.agent.Log;
import dev.weft.bootstrap.Weft;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * Finds the instrumentation modules, leaves out the disabled ones and installs the rest as one
 * class-file transformer.
 *
 * <p>Classes already loaded when the agent starts (all of them, when attached to a running JVM)
 * are retransformed; advice changes no class's shape, so retransformation is always allowed.
 *
 * <p>Classes of the bootstrap loader are left alone, except the few JDK HTTP clients named in
 * {@link #WOVEN_JDK_CLASSES}; matching is by name, so the JDK's other classes cost one name
 * comparison each. Woven classes in named modules ({@code java.base}, {@code java.net.http}) are
 * given a read edge to the bootstrap class path's unnamed module, where {@code dev.weft.bootstrap}
 * lives: without it their advice would fail with {@code IllegalAccessError}.
 */
public final class Instrumenter {

    /** The bootstrap classes an instrumentation weaves; every other one is ignored. */
    static final ElementMatcher.Junction<TypeDescription> WOVEN_JDK_CLASSES = namedOneOf(
            "sun.net.www.protocol.http.HttpURLConnection",
            "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection");

    private Instrumenter() {}

    /** Returns the names of the installed modules. */
    public static List<String> install(Instrumentation instrumentation, Set<String> disabled, InstrumentationStats stats) {
        openJavaLangToAgent(instrumentation);
        keepByteBuddyOffUnsafe();
        List<String> known = new ArrayList<String>();
        List<String> installed = new ArrayList<String>();
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new TypePoolCache())
                // cached type descriptions keep their locator; a weak one lets a webapp's loader go
                .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
                .with(new Listener(stats))
                .ignore(not(WOVEN_JDK_CLASSES), isBootstrapClassLoader())
                .or(nameStartsWith("dev.weft.bootstrap.")
                        .or(nameStartsWith("dev.weft.agent."))
                        .or(nameStartsWith("dev.weft.instrumentation."))
                        .or(nameStartsWith("dev.weft.shaded."))
                        .or(isSynthetic()));
        if (JavaModule.isSupported()) {
            builder = builder.with(AgentBuilder.Listener.ModuleReadEdgeCompleting.of(instrumentation, false, Weft.class));
        }
        ClassLoaders.reportSkipsTo(new ClassLoaders.SkipReporter() {
            @Override
            public void skipped(String message) {
                Log.debug(message);
            }
        });
        WeftAdvices advices = new WeftAdvices();
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
            builder = module.instrument(builder, advices);
            installed.add(module.name());
        }
        for (String name : disabled) {
            if (!known.contains(name)) {
                Log.warn("WEFT_INSTRUMENTATIONS_DISABLED names \"" + name + "\", which is not an instrumentation;"
                        + " known: " + String.join(", ", known));
            }
        }
        if (!installed.isEmpty()) {
            builder.installOn(instrumentation);
        }
        return installed;
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

    /**
     * Any AgentBuilder initialises ByteBuddy's class injectors, which on Java 9+ probe
     * {@code sun.misc.Unsafe}; Java 24+ prints a warning about that on the application's stderr.
     * ByteBuddy's "safe" property turns the probe off; it is read once, when the injector class
     * initialises, so we set it (under its relocated name) only for that moment. We never use those
     * injectors: see {@link AuxiliaryInjector}.
     */
    private static void keepByteBuddyOffUnsafe() {
        String property = ClassInjector.UsingUnsafe.SAFE_PROPERTY;
        String previous = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            Class.forName(ClassInjector.UsingUnsafe.class.getName(), true, Instrumenter.class.getClassLoader());
            Class.forName(ClassInjector.UsingReflection.class.getName(), true, Instrumenter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    /** Counts woven classes and failures; prints the first failure, since it means a library version we do not handle. */
    private static final class Listener extends AgentBuilder.Listener.Adapter {
        private final InstrumentationStats stats;
        private final AtomicBoolean reported = new AtomicBoolean();

        Listener(InstrumentationStats stats) {
            this.stats = stats;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            stats.classInstrumented();
            Log.debug("instrumented " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            stats.instrumentationFailed();
            if (reported.compareAndSet(false, true)) {
                Log.warn("could not instrument " + typeName + ", which runs unmodified (further failures are"
                        + " counted in weft_instrumentation_errors_total): " + error);
            } else {
                Log.debug("could not instrument " + typeName + ": " + error);
            }
        }
    }
}
