package dev.weft.instrumentation.api;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class-loader matchers: the cheap first test of every transformation, so that the costly type
 * matchers run only where the instrumented library is present.
 */
public final class ClassLoaders {

    private ClassLoaders() {}

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
