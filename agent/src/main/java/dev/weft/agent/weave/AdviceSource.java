package dev.weft.agent.weave;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The advice classes of one loader (the agent's), read once from their class files and kept: every
 * class woven with an advice shares its reading.
 */
final class AdviceSource {

    private final ClassLoader loader;
    private final ConcurrentHashMap<String, AdviceMethod[]> read = new ConcurrentHashMap<String, AdviceMethod[]>();

    AdviceSource(ClassLoader loader) {
        this.loader = loader;
    }

    /** The class's enter and exit advice, in that order; either may be null, not both. */
    AdviceMethod[] advice(String className) {
        AdviceMethod[] advice = read.get(className);
        if (advice == null) {
            byte[] classFile = ClassFiles.read(loader, className);
            if (classFile == null) {
                throw new IllegalStateException("advice class " + className + " cannot be read");
            }
            advice = AdviceMethod.read(classFile);
            if (advice[0] == null && advice[1] == null) {
                throw new IllegalStateException(className + " has no advice method");
            }
            read.putIfAbsent(className, advice);
        }
        return advice;
    }
}
