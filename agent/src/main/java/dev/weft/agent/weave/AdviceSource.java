package dev.weft.agent.weave;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
            advice = AdviceMethod.read(classFile(className));
            if (advice[0] == null && advice[1] == null) {
                throw new IllegalStateException(className + " has no advice method");
            }
            read.putIfAbsent(className, advice);
        }
        return advice;
    }

    private byte[] classFile(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("advice class " + className + " not found");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read advice class " + className, e);
        }
    }
}
