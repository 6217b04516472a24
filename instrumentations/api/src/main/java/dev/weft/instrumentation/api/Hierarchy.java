package dev.weft.instrumentation.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Type-hierarchy matchers that treat a hierarchy they cannot read as not matching.
 *
 * <p>The supertypes of a class are read from the class files its loader finds; when one is missing
 * the class is not the one being looked for. In OSGi frameworks that is common and harmless: a
 * bundle's class names interfaces from packages its loader does not export as resources (Open
 * Liberty's {@code WebApp31} and {@code IBMServletContext}). Such a class is skipped, not counted as
 * an error.
 */
public final class Hierarchy {

    private Hierarchy() {}

    /**
     * Classes of which the class itself, a superclass or an interface (implemented by any of them,
     * or extended by such an interface) is accepted by {@code matcher}; false where the hierarchy
     * cannot be read.
     */
    public static Matcher<TypeView> hasSuperType(Matcher<? super TypeView> matcher) {
        return Matchers.describe(type -> {
            try {
                return anyInHierarchy(type, matcher);
            } catch (RuntimeException | LinkageError unreadable) {
                return false;
            }
        }, "hasSuperType(" + matcher + ")");
    }

    private static boolean anyInHierarchy(TypeView type, Matcher<? super TypeView> matcher) {
        Set<String> seen = new HashSet<String>();
        Deque<TypeView> interfaces = new ArrayDeque<TypeView>();
        for (TypeView current = type; current != null; current = current.superClass()) {
            if (matcher.matches(current)) {
                return true;
            }
            interfaces.addAll(current.interfaces());
        }
        while (!interfaces.isEmpty()) {
            TypeView next = interfaces.pop();
            if (seen.add(next.name())) {
                if (matcher.matches(next)) {
                    return true;
                }
                interfaces.addAll(next.interfaces());
            }
        }
        return false;
    }
}
