package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.bootstrap.Weft;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;

/**
 * Advice that throws, woven with {@link AdviceErrorHandler} into a sample class that is defined in a
 * loader of its own: the woven method must answer as the unwoven one, whether or not that loader can
 * see {@code dev.weft.bootstrap}, and the failures are counted where it can.
 */
class AdviceErrorHandlerTest {

    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }

        public String fail(String name) {
            throw new IllegalArgumentException("no " + name);
        }
    }

    public static class ThrowingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            throw new IllegalStateException("enter advice failed");
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            throw new IllegalStateException("exit advice failed");
        }
    }

    @Test
    void inALoaderBlindToTheBootstrapApiTheMethodAnswersAsUnwoven() throws Exception {
        Object greeter = wovenGreeter(true);
        assertEquals("hello weft", greeter.getClass().getMethod("greet", String.class).invoke(greeter, "weft"));
        assertApplicationExceptionUnchanged(greeter);
    }

    @Test
    void inALoaderThatSeesTheBootstrapApiFailuresAreCounted() throws Exception {
        Object greeter = wovenGreeter(false);
        long before = Weft.adviceErrorCount();
        assertEquals("hello weft", greeter.getClass().getMethod("greet", String.class).invoke(greeter, "weft"));
        assertEquals(before + 2, Weft.adviceErrorCount(), "enter and exit advice failures");
        assertApplicationExceptionUnchanged(greeter);
        assertEquals(before + 4, Weft.adviceErrorCount());
    }

    private static void assertApplicationExceptionUnchanged(Object greeter) throws Exception {
        Method fail = greeter.getClass().getMethod("fail", String.class);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> fail.invoke(greeter, "weft"));
        assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
        assertEquals("no weft", thrown.getCause().getMessage());
    }

    private static Object wovenGreeter(boolean hideBootstrapApi) throws Exception {
        byte[] woven = new ByteBuddy()
                .redefine(Greeter.class)
                .visit(Advice.to(ThrowingAdvice.class).withExceptionHandler(AdviceErrorHandler.INSTANCE)
                        .on(named("greet").or(named("fail"))))
                .make()
                .getBytes();
        ClassLoader loader = new SingleClassLoader(Greeter.class.getName(), woven, hideBootstrapApi);
        return Class.forName(Greeter.class.getName(), true, loader).getConstructor().newInstance();
    }

    /** Defines the one woven class itself; optionally refuses dev.weft.bootstrap, as a JBoss module loader does. */
    private static final class SingleClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;
        private final boolean hideBootstrapApi;

        SingleClassLoader(String name, byte[] bytes, boolean hideBootstrapApi) {
            super(AdviceErrorHandlerTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
            this.hideBootstrapApi = hideBootstrapApi;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(className)) {
                if (hideBootstrapApi && className.startsWith("dev.weft.bootstrap.")) {
                    throw new ClassNotFoundException(className);
                }
                if (className.equals(name)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
                }
                return super.loadClass(className, resolve);
            }
        }
    }
}
