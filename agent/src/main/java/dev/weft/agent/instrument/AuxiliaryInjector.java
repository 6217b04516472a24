package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * Defines a module's auxiliary classes (classes its advice instantiates, such as an
 * {@code AsyncListener}) in the class loader of each instrumented type, once per loader, before
 * the woven type can run. The classes are read from the agent jar, so they resolve the
 * instrumented library from that loader.
 *
 * <p>ByteBuddy's own {@code ForAdvice.auxiliary} only injects under an initialization strategy that
 * we cannot combine with frozen class formats, hence this transformer.
 */
final class AuxiliaryInjector implements AgentBuilder.Transformer {

    private final ClassLoader source;
    private final List<String> classNames;
    private final Map<ClassLoader, Boolean> done = new WeakHashMap<ClassLoader, Boolean>();

    AuxiliaryInjector(ClassLoader source, List<String> classNames) {
        this.source = source;
        this.classNames = classNames;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        if (loader == null) {
            return builder;
        }
        synchronized (done) {
            if (done.containsKey(loader)) {
                return builder;
            }
            done.put(loader, Boolean.TRUE);
        }
        try {
            Map<String, byte[]> classes = new LinkedHashMap<String, byte[]>();
            ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(source);
            for (String name : classNames) {
                classes.put(name, locator.locate(name).resolve());
            }
            new ClassInjector.UsingReflection(loader, protectionDomain).injectRaw(classes);
        } catch (Exception e) {
            // The advice will then fail on this loader and count in weft_advice_errors_total.
            Log.warn("cannot define " + classNames + " in " + loader + ": " + e);
        }
        return builder;
    }
}
