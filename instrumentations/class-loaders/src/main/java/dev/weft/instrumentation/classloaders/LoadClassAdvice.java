package dev.weft.instrumentation.classloaders;

import net.bytebuddy.asm.Advice;

/**
 * Answers a {@code dev.weft.bootstrap.} name from the boot class path before the loader's own
 * logic runs; every other name goes the loader's usual way. Refers to nothing but the JDK, since the
 * loaders it is woven into are exactly those that cannot see Weft's classes.
 */
public final class LoadClassAdvice {

    private LoadClassAdvice() {}

    /** The boot loader's class for a bootstrap name, else null (and the loader's own code runs). */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static Class<?> enter(@Advice.Argument(0) String name) {
        if (name == null || !name.startsWith("dev.weft.bootstrap.")) {
            return null;
        }
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException notOurs) {
            return null;
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Class<?> fromBootLoader,
                            @Advice.Return(readOnly = false) Class<?> loaded,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (fromBootLoader != null) {
            loaded = fromBootLoader;
            thrown = null;
        }
    }
}
