package dev.weft.instrumentation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassLoadersTest {

    private final List<String> reported = new ArrayList<>();

    @AfterEach
    void stopReporting() {
        ClassLoaders.reportSkipsTo(null);
    }

    @Test
    void requiresMatchesALoaderThatSeesTheClassAndReportsNothing() {
        ClassLoaders.reportSkipsTo(reported::add);
        ElementMatcher<ClassLoader> matcher = ClassLoaders.requires("m", ClassLoadersTest.class.getName(), "why");
        assertTrue(matcher.matches(ClassLoadersTest.class.getClassLoader()));
        assertEquals(Collections.emptyList(), reported);
    }

    @Test
    void requiresSkipsALoaderWithoutTheClassAndSaysSoOncePerLoader() throws Exception {
        ClassLoaders.reportSkipsTo(reported::add);
        ElementMatcher<ClassLoader> matcher = ClassLoaders.requires("mod", "no.such.Type", "too old");
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
        ClassLoaders.reportSkipsTo(reported::add);
        assertFalse(ClassLoaders.requires("m", "java.lang.String", "why").matches(null));
        assertEquals(Collections.emptyList(), reported);
    }
}
