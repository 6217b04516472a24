package dev.weft.instrumentation.api;

import dev.weft.bootstrap.Weft;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Class-loader matchers: the cheap first test of every transformation, so that the costly type
 * matchers run only where the instrumented library is present; and the last test,
 * {@link #seesBootstrapApi}, which keeps advice out of classes that could not link to it.
 */
public final class ClassLoaders {

    /** Why {@link #seesBootstrapApi} refused a loader: it has no {@code dev.weft.bootstrap}. */
    public static final String BOOTSTRAP_NOT_FOUND = "bootstrap_not_found";
    /** Why {@link #seesBootstrapApi} refused a loader: it has a copy of its own, not the agent's. */
    public static final String BOOTSTRAP_OTHER_COPY = "bootstrap_other_copy";
    /** Why {@link #seesBootstrapApi} refused a loader: asking it failed with something else. */
    public static final String BOOTSTRAP_LOADER_ERROR = "bootstrap_loader_error";

    /** Where skipped loaders and classes are reported; the agent counts them and logs them. */
    public interface SkipReporter {
        /** {@link #requires}: a loader lacks a class the module needs; once per loader and module. */
        void unsupportedLibrary(String message);

        /**
         * {@link #seesBootstrapApi}: a class a module matched stays unwoven because its loader cannot see
         * {@code dev.weft.bootstrap}, for one of the {@code BOOTSTRAP_*} reasons; {@code firstOfLoader} is
         * true the first time that loader is refused.
         */
        void bootstrapNotVisible(String typeName, ClassLoader loader, String reason, boolean firstOfLoader);
    }

    private static volatile SkipReporter skipReporter;

    private ClassLoaders() {}

    /** Called once by the agent before modules install. */
    public static void reportSkipsTo(SkipReporter reporter) {
        skipReporter = reporter;
    }

    /**
     * Like {@link #canSee}, for a class the module's advice needs: a loader that lacks it (an older
     * library version) is skipped rather than woven into a {@code NoSuchMethodError}, and the skip
     * is reported once per loader at debug level. Put it after the matcher that finds the library,
     * so that loaders without the library at all are not reported.
     */
    public static Matcher<ClassLoader> requires(String module, String className, String reason) {
        return new Requires(module, className, reason);
    }

    private static final class Requires implements Matcher<ClassLoader> {
        private final CanSee canSee;
        private final String message;
        private final Map<ClassLoader, Boolean> reported = new WeakHashMap<ClassLoader, Boolean>();

        Requires(String module, String className, String reason) {
            this.canSee = new CanSee(className.replace('.', '/') + ".class");
            this.message = module + ": skipping class loader %s: it has no " + className + " (" + reason + ")";
        }

        @Override
        public boolean matches(ClassLoader loader) {
            if (canSee.matches(loader)) {
                return true;
            }
            SkipReporter reporter = skipReporter;
            if (reporter != null && loader != null) {
                synchronized (reported) {
                    if (reported.put(loader, Boolean.TRUE) != null) {
                        return false;
                    }
                }
                reporter.unsupportedLibrary(String.format(message, loader));
            }
            return false;
        }

        @Override
        public String toString() {
            return "requires(" + canSee + ")";
        }
    }

    /**
     * Matches class loaders that can see the named class (as a resource, so nothing is loaded).
     * Answers are cached per loader, weakly: an undeployed webapp's loader is not kept alive.
     */
    public static Matcher<ClassLoader> canSee(String className) {
        return new CanSee(className.replace('.', '/') + ".class");
    }

    private static final class CanSee implements Matcher<ClassLoader> {
        private final String resource;
        private final Map<ClassLoader, Boolean> answers = new WeakHashMap<ClassLoader, Boolean>();

        CanSee(String resource) {
            this.resource = resource;
        }

        @Override
        public boolean matches(ClassLoader loader) {
            if (loader == null) {
                return false; // the libraries matched this way are never on the bootstrap class path
            }
            synchronized (answers) {
                Boolean known = answers.get(loader);
                if (known != null) {
                    return known;
                }
            }
            boolean found = loader.getResource(resource) != null;
            synchronized (answers) {
                answers.put(loader, found);
            }
            return found;
        }

        @Override
        public String toString() {
            return "canSee(" + resource + ")";
        }
    }

    /**
     * Matches a class only if its loader resolves {@code dev.weft.bootstrap.Weft} to the agent's own
     * copy, on the boot class path; add it with {@code .and(ClassLoaders.seesBootstrapApi())} after
     * every {@code type(...)} whose advice calls {@code dev.weft.bootstrap}. Loaders that delegate to
     * their parents do; JBoss Modules and OSGi loaders do once the class-loaders module has woven
     * their {@code loadClass}. A class refused here is reported (and counted by the agent) instead of
     * being woven into a {@code NoClassDefFoundError}.
     *
     * <p>It runs after the type matcher, so only classes a module really wanted are counted. Positive
     * answers are cached per loader, weakly; a refusal is asked again next time, since a loader can
     * start delegating once its class is woven.
     */
    public static TypeInLoaderMatcher seesBootstrapApi() {
        return SeesBootstrapApi.INSTANCE;
    }

    private static final class SeesBootstrapApi implements TypeInLoaderMatcher {
        static final SeesBootstrapApi INSTANCE = new SeesBootstrapApi();

        /** TRUE: sees it; FALSE: refused before (reported already). */
        private final Map<ClassLoader, Boolean> answers = new WeakHashMap<ClassLoader, Boolean>();

        @Override
        public boolean matches(TypeView type, ClassLoader loader) {
            if (loader == null) {
                return true;
            }
            Boolean known;
            synchronized (answers) {
                known = answers.get(loader);
            }
            if (Boolean.TRUE.equals(known)) {
                return true;
            }
            String reason = whyNotVisible(loader);
            synchronized (answers) {
                known = answers.put(loader, reason == null);
            }
            if (reason == null) {
                return true;
            }
            SkipReporter reporter = skipReporter;
            if (reporter != null) {
                reporter.bootstrapNotVisible(type.name(), loader, reason, known == null);
            }
            return false;
        }

        @Override
        public String toString() {
            return "seesBootstrapApi()";
        }
    }

    /** Null when the loader resolves the agent's {@code Weft}, else one of the {@code BOOTSTRAP_*} reasons. */
    static String whyNotVisible(ClassLoader loader) {
        try {
            // loadClass rather than getResource: the woven loaders redirect class loading, not resources
            return Class.forName(Weft.class.getName(), false, loader) == Weft.class ? null : BOOTSTRAP_OTHER_COPY;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return BOOTSTRAP_NOT_FOUND;
        } catch (Throwable e) {
            return BOOTSTRAP_LOADER_ERROR;
        }
    }
}
