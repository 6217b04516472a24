package dev.weft.agent.instrument;

import static dev.weft.instrumentation.api.Matchers.declaresField;
import static dev.weft.instrumentation.api.Matchers.declaresMethod;
import static dev.weft.instrumentation.api.Matchers.isBootstrapClassLoader;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.agent.weave.ClassFiles;
import dev.weft.fixtures.CountingAdvice;
import dev.weft.fixtures.Greeter;
import dev.weft.fixtures.Stranger;
import dev.weft.agent.weave.InliningAdvice;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.Transformations;
import org.junit.jupiter.api.Test;

/**
 * The recorded transformations applied to real class files, and the woven class run in a loader of
 * its own: what matches is woven and runs its advice, what does not is left alone, and a class that
 * cannot be woven is counted as a failure and loads unchanged.
 */
class ModuleWeaverTest {

    private static final ClassLoader LOADER = ModuleWeaverTest.class.getClassLoader();

    private final InstrumentationStats stats = new InstrumentationStats();

    private ModuleWeaver weaver(Transformations transformations) {
        return new ModuleWeaver(transformations, new String[0], stats);
    }

    private static Transformations greeterCounted() {
        return new Transformations()
                .type(named(Greeter.class.getName()).and(declaresField(named("greeting"))))
                .transform(new InliningAdvice(LOADER)
                        .advice(named("greet").and(takesArguments(1)), CountingAdvice.class.getName()));
    }

    @Test
    void aMatchingClassIsWovenAndRunsItsAdviceInTheChosenMethodsOnly() throws Exception {
        byte[] woven = transform(weaver(greeterCounted()), Greeter.class, classFile(Greeter.class));
        assertEquals(0, stats.failures());
        assertNotNull(woven);
        Object greeter = Class.forName(Greeter.class.getName(), true,
                new SingleClassLoader(Greeter.class.getName(), woven)).getConstructor().newInstance();
        int before = CountingAdvice.Entered.COUNT.get();
        assertEquals("hello weft", greeter.getClass().getMethod("greet", String.class).invoke(greeter, "weft"));
        assertEquals(before + 1, CountingAdvice.Entered.COUNT.get());
        assertEquals("hello weft2", greeter.getClass().getMethod("greet", String.class, int.class)
                .invoke(greeter, "weft", 2));
        assertEquals(before + 1, CountingAdvice.Entered.COUNT.get());
        assertEquals(1, stats.instrumentedClasses());
    }

    @Test
    void aClassNoTransformationMatchesIsLeftAlone() throws Exception {
        assertNull(transform(weaver(greeterCounted()), Stranger.class, classFile(Stranger.class)));
        assertEquals(0, stats.instrumentedClasses());
        assertEquals(0, stats.failures());
    }

    @Test
    void everyCheckOfATransformationMustAgree() throws Exception {
        Transformations refused = new Transformations()
                .type(named(Greeter.class.getName()), ClassLoaders.canSee("no.such.Library"))
                .transform(new InliningAdvice(LOADER).advice(named("greet"), CountingAdvice.class.getName()));
        assertNull(transform(weaver(refused), Greeter.class, classFile(Greeter.class)));
        Transformations checked = new Transformations()
                .type(declaresMethod(named("greet")))
                .and((type, loader) -> !type.name().equals(Greeter.class.getName()))
                .transform(new InliningAdvice(LOADER).advice(named("greet"), CountingAdvice.class.getName()));
        assertNull(transform(weaver(checked), Greeter.class, classFile(Greeter.class)));
        assertNotNull(transform(weaver(checked), Stranger.class, classFile(Stranger.class)));
    }

    @Test
    void theBootstrapLoadersClassesAndTheAgentsOwnAreLeftAloneUnlessNamed() throws Exception {
        Transformations any = new Transformations()
                .type(declaresMethod(named("greet")), isBootstrapClassLoader().or(loader -> true))
                .transform(new InliningAdvice(LOADER).advice(named("greet"), CountingAdvice.class.getName()));
        byte[] classFile = classFile(Greeter.class);
        assertNull(weaver(any).transform(null, Greeter.class.getName().replace('.', '/'), null, classFile));
        assertNotNull(new ModuleWeaver(any, new String[] {Greeter.class.getName()}, stats)
                .transform(null, Greeter.class.getName().replace('.', '/'), null, classFile));
        assertNull(weaver(any).transform(LOADER, "dev/weft/agent/Something", null, classFile));
    }

    @Test
    void aClassThatCannotBeReadIsCountedAndLoadsUnchanged() {
        assertNull(transform(weaver(greeterCounted()), Greeter.class, new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1}));
        assertEquals(1, stats.failures());
        assertEquals(0, stats.instrumentedClasses());
    }

    private static byte[] transform(ModuleWeaver weaver, Class<?> type, byte[] classFile) {
        return weaver.transform(LOADER, type.getName().replace('.', '/'), null, classFile);
    }

    private static byte[] classFile(Class<?> type) {
        return ClassFiles.read(type.getClassLoader(), type.getName());
    }

    /** Defines the one woven class itself, the rest from the test's loader. */
    private static final class SingleClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        SingleClassLoader(String name, byte[] bytes) {
            super(LOADER);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(className)) {
                if (className.equals(name)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
                }
                return super.loadClass(className, resolve);
            }
        }
    }
}
