package dev.weft.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** A class whose interface its loader cannot find, as in an OSGi bundle: not a match, and no exception. */
class HierarchyTest {

    interface Hidden {}

    static class Implementing implements Hidden, Runnable {
        @Override
        public void run() {}
    }

    @Test
    void anUnreadableHierarchyDoesNotMatch() throws Exception {
        ClassFileLocator onlyTheClass = ClassFileLocator.Simple.of(Implementing.class.getName(),
                ClassFileLocator.ForClassLoader.read(Implementing.class));
        TypeDescription type = TypePool.Default.of(new ClassFileLocator.Compound(onlyTheClass,
                ClassFileLocator.ForClassLoader.ofBootLoader())).describe(Implementing.class.getName()).resolve();
        assertThrows(RuntimeException.class,
                () -> ElementMatchers.hasSuperType(named("java.lang.AutoCloseable")).matches(type),
                "ByteBuddy's own matcher throws where a supertype is missing");
        assertFalse(Hierarchy.hasSuperType(named("java.lang.AutoCloseable")).matches(type));
    }

    @Test
    void aReadableHierarchyMatchesAsByteBuddysDoes() {
        TypeDescription type = TypeDescription.ForLoadedType.of(Implementing.class);
        assertTrue(Hierarchy.hasSuperType(named("java.lang.Runnable")).matches(type));
        assertFalse(Hierarchy.hasSuperType(named("java.lang.AutoCloseable")).matches(type));
    }
}
