package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import dev.weft.bootstrap.Weft;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PrefilteringTransformer} on Java 9+: the JVM calls this variant, with the class's module.
 * A woven class in a named module is given a read edge to the module of {@code dev.weft.bootstrap}
 * (the boot loader's unnamed one) before it is defined. The only class of the agent built for Java 9
 * (see the agent's pom); {@code PrefilteringTransformer.create} loads it only there.
 */
final class ModulePrefilteringTransformer extends PrefilteringTransformer {

    private final Instrumentation instrumentation;

    ModulePrefilteringTransformer(ClassFileFilter filter, ClassFileFilter waitingFilter,
                                  Instrumentation instrumentation) {
        super(filter, waitingFilter);
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        ModuleWeaver weaver = target(loader, internalName, classFile);
        if (weaver == null) {
            return null;
        }
        byte[] woven = weave(weaver, loader, internalName, protectionDomain, classFile);
        if (woven != null && module != null && module.isNamed()) {
            Module bootstrapApi = Weft.class.getModule();
            if (!module.canRead(bootstrapApi)) {
                try {
                    instrumentation.redefineModule(module, Collections.singleton(bootstrapApi),
                            Collections.<String, Set<Module>>emptyMap(), Collections.<String, Set<Module>>emptyMap(),
                            Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
                } catch (RuntimeException e) {
                    // without the edge the advice could not link: the class stays as it was
                    Log.warn("cannot let " + module + " read the agent's bootstrap classes; " + internalName
                            + " runs unmodified: " + e);
                    return null;
                }
            }
        }
        return woven;
    }
}
