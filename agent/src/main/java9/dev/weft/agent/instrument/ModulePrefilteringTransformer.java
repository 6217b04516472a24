package dev.weft.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * {@link PrefilteringTransformer} on Java 9+: the JVM calls this variant, and ByteBuddy's
 * transformer gets the module along with the class. The only class of the agent built for Java 9
 * (see the agent's pom); {@code PrefilteringTransformer.create} loads it only there.
 */
final class ModulePrefilteringTransformer extends PrefilteringTransformer {

    ModulePrefilteringTransformer(ClassFileFilter filter, ClassFileFilter waitingFilter) {
        super(filter, waitingFilter);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        ClassFileTransformer byteBuddy = target(loader, internalName, classFile);
        return byteBuddy == null
                ? null
                : byteBuddy.transform(module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
