package dev.weft.instrumentation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassLoadersTest {

    private final List<String> reported = new ArrayList<>();
    private final ClassLoaders.SkipReporter reporter = new ClassLoaders.SkipReporter() {
        @Override
        public void unsupportedLibrary(String message) {
            reported.add(message);
        }

        @Override
        public void bootstrapNotVisible(String typeName, ClassLoader loader, String reason, boolean firstOfLoader) {
            reported.add(typeName + " " + reason + " " + firstOfLoader);
        }
    };

    @AfterEach
    void stopReporting() {
        ClassLoaders.reportSkipsTo(null);
    }

    @Test
    void requiresMatchesALoaderThatSeesTheClassAndReportsNothing() {
        ClassLoaders.reportSkipsTo(reporter);
        Matcher<ClassLoader> matcher = ClassLoaders.requires("m", ClassLoadersTest.class.getName(), "why");
        assertTrue(matcher.matches(ClassLoadersTest.class.getClassLoader()));
        assertEquals(Collections.emptyList(), reported);
    }

    @Test
    void requiresSkipsALoaderWithoutTheClassAndSaysSoOncePerLoader() throws Exception {
        ClassLoaders.reportSkipsTo(reporter);
        Matcher<ClassLoader> matcher = ClassLoaders.requires("mod", "no.such.Type", "too old");
        try (URLClassLoader a = new URLClassLoader(new URL[0], null);
             URLClassLoader b = new URLClassLoader(new URL[0], null)) {
            assertFalse(matcher.matches(a));
            assertFalse(matcher.matches(a));
            assertFalse(matcher.matches(b));
        }
        assertEquals(2, reported.size(), reported.toString());
        assertTrue(reported.get(0).startsWith("mod: skipping class loader "), reported.get(0));
        assertTrue(reported.get(0).endsWith(": it has no no.such.Type (too old)"), reported.get(0));
    }

    @Test
    void requiresNeverMatchesTheBootstrapLoaderAndDoesNotReportIt() {
        ClassLoaders.reportSkipsTo(reporter);
        assertFalse(ClassLoaders.requires("m", "java.lang.String", "why").matches(null));
        assertEquals(Collections.emptyList(), reported);
    }

    @Test
    void seesBootstrapApiMatchesLoadersThatResolveTheAgentsWeft() {
        ClassLoaders.reportSkipsTo(reporter);
        assertTrue(seesBootstrapApi(ClassLoadersTest.class.getClassLoader()));
        assertTrue(seesBootstrapApi(null), "the boot loader");
        assertEquals(Collections.emptyList(), reported);
    }

    @Test
    void seesBootstrapApiRefusesALoaderThatHidesItAndReportsEveryClassNamingTheFirst() {
        ClassLoaders.reportSkipsTo(reporter);
        ClassLoader hiding = new Refusing(ClassLoadersTest.class.getClassLoader(), false);
        assertFalse(seesBootstrapApi(hiding));
        assertFalse(seesBootstrapApi(hiding));
        assertEquals(java.util.Arrays.asList("java.lang.String bootstrap_not_found true", "java.lang.String bootstrap_not_found false"),
                reported);
    }

    @Test
    void seesBootstrapApiNamesALoaderThatThrowsAndOneWithACopyOfItsOwn() throws Exception {
        ClassLoaders.reportSkipsTo(reporter);
        assertFalse(seesBootstrapApi(new Refusing(ClassLoadersTest.class.getClassLoader(), true)));
        URL bootstrapClasses = dev.weft.bootstrap.Weft.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader copy = new URLClassLoader(new URL[] {bootstrapClasses}, null)) {
            assertFalse(seesBootstrapApi(copy));
        }
        assertEquals(java.util.Arrays.asList("java.lang.String bootstrap_loader_error true",
                "java.lang.String bootstrap_other_copy true"), reported);
    }

    private static boolean seesBootstrapApi(ClassLoader loader) {
        return ClassLoaders.seesBootstrapApi().matches(new LoadedTypeView(String.class, null), loader);
    }

    /** Refuses every dev.weft name, with ClassNotFoundException as JBoss Modules does, or with a RuntimeException. */
    private static final class Refusing extends ClassLoader {
        private final boolean throwUnchecked;

        Refusing(ClassLoader parent, boolean throwUnchecked) {
            super(parent);
            this.throwUnchecked = throwUnchecked;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.weft.")) {
                if (throwUnchecked) {
                    throw new IllegalStateException("no " + name);
                }
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
