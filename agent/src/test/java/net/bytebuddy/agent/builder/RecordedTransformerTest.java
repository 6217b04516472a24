package net.bytebuddy.agent.builder;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.weave.InliningAdvice;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

/**
 * The recorded transformations applied to real class files, and the woven class run in a loader of
 * its own: what matches is woven and runs its advice, what does not is left alone, and a class that
 * cannot be woven is reported to the listener and loads unchanged. Public, as the advice woven into
 * a class of another loader reads its counter.
 */
public class RecordedTransformerTest {

    public static final AtomicInteger ENTERED = new AtomicInteger();

    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    public static class Stranger {
        public String greet(String name) {
            return "who is " + name;
        }
    }

    public static class CountingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            RecordedTransformerTest.ENTERED.incrementAndGet();
        }
    }

    private final List<String> events = new ArrayList<String>();

    private RecordedTransformer transformer() {
        return transformer(new AgentBuilder.Transformer.ForAdvice()
                .include(RecordedTransformerTest.class.getClassLoader())
                .advice(named("greet"), CountingAdvice.class.getName()));
    }

    private RecordedTransformer transformer(AgentBuilder.Transformer transformer) {
        AgentBuilder builder = RecordedTransformer.newRecording()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                                                 boolean loaded, DynamicType dynamicType) {
                        events.add("woven " + type.getName());
                    }

                    @Override
                    public void onIgnored(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded) {
                        events.add("ignored " + type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                        Throwable error) {
                        events.add("failed " + typeName);
                    }
                })
                .type(named(Greeter.class.getName()))
                .transform(transformer);
        return RecordedTransformer.of(builder);
    }

    @Test
    void aMatchingClassIsWovenAndRunsItsAdvice() throws Exception {
        assertGreeterWovenAndCounting(transformer());
    }

    @Test
    void weftsOwnAdviceIsWovenFromTheClassFileWithoutTheTypeWriter() throws Exception {
        assertGreeterWovenAndCounting(transformer(new InliningAdvice(RecordedTransformerTest.class.getClassLoader())
                .advice(named("greet"), CountingAdvice.class.getName())));
    }

    private void assertGreeterWovenAndCounting(RecordedTransformer transformer) throws Exception {
        byte[] woven = transform(transformer, Greeter.class, classFile(Greeter.class));
        assertNotNull(woven);
        Object greeter = Class.forName(Greeter.class.getName(), true,
                new SingleClassLoader(Greeter.class.getName(), woven)).getConstructor().newInstance();
        int before = ENTERED.get();
        assertEquals("hello weft", greeter.getClass().getMethod("greet", String.class).invoke(greeter, "weft"));
        assertEquals(before + 1, ENTERED.get());
        assertEquals(Collections.singletonList("woven " + Greeter.class.getName()), events);
    }

    @Test
    void aClassNoTransformationMatchesIsLeftAlone() throws Exception {
        assertNull(transform(transformer(), Stranger.class, classFile(Stranger.class)));
        assertEquals(Collections.singletonList("ignored " + Stranger.class.getName()), events);
    }

    @Test
    void aClassThatCannotBeReadIsReportedAndLoadsUnchanged() throws Exception {
        assertNull(transform(transformer(), Greeter.class, new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1}));
        assertEquals(Collections.singletonList("failed " + Greeter.class.getName()), events);
    }

    @Test
    void theModulesChainIsReadThroughItsLastTransformation() {
        assertEquals(1, transformer().size());
        assertTrue(events.isEmpty());
    }

    private static byte[] transform(RecordedTransformer transformer, Class<?> type, byte[] classFile) {
        return transformer.transform(null, RecordedTransformerTest.class.getClassLoader(),
                type.getName().replace('.', '/'), null, null, classFile);
    }

    private static byte[] classFile(Class<?> type) throws Exception {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Defines the one woven class itself, the rest from the test's loader. */
    private static final class SingleClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        SingleClassLoader(String name, byte[] bytes) {
            super(RecordedTransformerTest.class.getClassLoader());
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
