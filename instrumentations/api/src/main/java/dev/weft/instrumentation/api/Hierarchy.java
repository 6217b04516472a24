package dev.weft.instrumentation.api;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Type-hierarchy matchers that treat a hierarchy they cannot read as not matching.
 *
 * <p>ByteBuddy's {@code hasSuperType} walks every superclass and interface through the class files
 * the type's loader can find; when one is missing it throws, and ByteBuddy reports the class as an
 * instrumentation failure. In OSGi frameworks that is common and harmless: a bundle's class names
 * interfaces from packages its loader does not export as resources (Open Liberty's {@code WebApp31}
 * and {@code IBMServletContext}). Such a class is not the one being looked for: it is skipped, not
 * counted as an error.
 */
public final class Hierarchy {

    private Hierarchy() {}

    /** {@code ElementMatchers.hasSuperType(matcher)}, false where the hierarchy cannot be resolved. */
    public static ElementMatcher.Junction<TypeDescription> hasSuperType(ElementMatcher<? super TypeDescription> matcher) {
        return new Readable(ElementMatchers.<TypeDescription>hasSuperType(matcher));
    }

    private static final class Readable extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
        private final ElementMatcher<TypeDescription> delegate;

        Readable(ElementMatcher<TypeDescription> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean matches(TypeDescription type) {
            try {
                return delegate.matches(type);
            } catch (RuntimeException | LinkageError unreadable) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "readable(" + delegate + ")";
        }
    }
}
