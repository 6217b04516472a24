package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import dev.weft.agent.weave.ClassFiles;
import dev.weft.agent.weave.DirectTransformer;
import dev.weft.agent.weave.Weavings;
import dev.weft.instrumentation.api.TypeView;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Defines a module's auxiliary classes (classes its advice instantiates, such as an
 * {@code AsyncListener}) in the class loader of each instrumented type, once per loader, before
 * the woven type can run. The class files are read from the agent jar and resolve the
 * instrumented library from that loader.
 *
 * <p>Classes are defined with {@code ClassLoader.defineClass}, made accessible after
 * {@link Instrumenter} opened {@code java.lang} to the agent, not through {@code sun.misc.Unsafe},
 * which Java 24+ reports on the application's stderr and Java 26 refuses.
 */
final class AuxiliaryInjector implements DirectTransformer {

    private final ClassLoader source;
    private final List<String> classNames;
    /** Loaders already served; weak, so an undeployed webapp's loader can go. Also the injection lock. */
    private final Map<ClassLoader, Boolean> done = new WeakHashMap<ClassLoader, Boolean>();

    AuxiliaryInjector(ClassLoader source, List<String> classNames) {
        this.source = source;
        this.classNames = classNames;
    }

    @Override
    public void contribute(TypeView type, ClassLoader loader, ProtectionDomain protectionDomain, Weavings weavings) {
        injectOnce(loader, protectionDomain);
    }

    private void injectOnce(ClassLoader loader, ProtectionDomain protectionDomain) {
        if (loader == null) {
            return;
        }
        // Held while defining: another thread's woven class must not run before the classes exist.
        synchronized (done) {
            if (done.put(loader, Boolean.TRUE) == null) {
                inject(loader, protectionDomain);
            }
        }
    }

    private void inject(ClassLoader loader, ProtectionDomain protectionDomain) {
        String current = null;
        try {
            for (String name : classNames) {
                current = name;
                if (DefineClass.FIND_LOADED.invoke(loader, name) == null) {
                    byte[] bytes = ClassFiles.read(source, name);
                    if (bytes == null) {
                        throw new IllegalStateException("the agent jar has no class file of " + name);
                    }
                    DefineClass.DEFINE.invoke(loader, name, bytes, 0, bytes.length, protectionDomain);
                }
            }
        } catch (Exception e) {
            // The advice then fails on this loader and counts in weft_advice_errors_total.
            Log.warn("cannot define " + current + " in " + loader + "; requests it would record go unrecorded: " + e);
        }
    }

    /** The two protected ClassLoader methods, looked up once. */
    private static final class DefineClass {
        static final Method FIND_LOADED = accessible("findLoadedClass", String.class);
        static final Method DEFINE = accessible("defineClass",
                String.class, byte[].class, int.class, int.class, ProtectionDomain.class);

        private static Method accessible(String name, Class<?>... parameters) {
            try {
                Method method = ClassLoader.class.getDeclaredMethod(name, parameters);
                method.setAccessible(true);
                return method;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
