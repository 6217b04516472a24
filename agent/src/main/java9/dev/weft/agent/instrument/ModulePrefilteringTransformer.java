package dev.weft.agent.instrument;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.RecordedTransformer;

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
                            ProtectionDomain protectionDomain, byte[] classFile) {
        RecordedTransformer byteBuddy = target(loader, internalName, classFile);
        return byteBuddy == null
                ? null
                : weave(byteBuddy, module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
