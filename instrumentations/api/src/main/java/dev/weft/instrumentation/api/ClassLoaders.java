package dev.weft.instrumentation.api;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class-loader matchers: the cheap first test of every transformation, so that the costly type
 * matchers run only where the instrumented library is present.
 */
public final class ClassLoaders {

    /** Where {@link #requires} reports a skipped loader; the agent points it at its debug log. */
    public interface SkipReporter {
        void skipped(String message);
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
    public static ElementMatcher.Junction<ClassLoader> requires(String module, String className, String reason) {
        return new Requires(module, className, reason);
    }

    private static final class Requires extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
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
                reporter.skipped(String.format(message, loader));
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
    public static ElementMatcher.Junction<ClassLoader> canSee(String className) {
        return new CanSee(className.replace('.', '/') + ".class");
    }

    private static final class CanSee extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
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
}
