package dev.weft.instrumentation.api;

import static dev.weft.instrumentation.api.Matchers.named;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Supertypes found through superclasses and interfaces at any depth; an unreadable hierarchy is no match. */
class HierarchyTest {

    interface Hidden {}

    interface Named2 extends Runnable {}

    static class Base implements Named2 {
        @Override
        public void run() {}
    }

    static class Implementing extends Base implements Hidden {}

    @Test
    void findsTheTypeItselfSuperclassesAndInterfacesOfInterfaces() {
        TypeView type = new LoadedTypeView(Implementing.class, null);
        assertTrue(Hierarchy.hasSuperType(named(Implementing.class.getName())).matches(type));
        assertTrue(Hierarchy.hasSuperType(named(Base.class.getName())).matches(type));
        assertTrue(Hierarchy.hasSuperType(named("java.lang.Runnable")).matches(type));
        assertTrue(Hierarchy.hasSuperType(named("java.lang.Object")).matches(type));
        assertFalse(Hierarchy.hasSuperType(named("java.lang.AutoCloseable")).matches(type));
    }

    @Test
    void anUnreadableHierarchyDoesNotMatch() {
        // as in an OSGi bundle whose loader cannot find one of the interfaces' class files
        TypeView type = new LoadedTypeView(Implementing.class, Hidden.class);
        assertFalse(Hierarchy.hasSuperType(named("java.lang.AutoCloseable")).matches(type));
        assertFalse(Hierarchy.hasSuperType(named(Hidden.class.getName())).matches(type));
    }
}
