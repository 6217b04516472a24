package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import dev.weft.agent.weave.ClassHeader;
import dev.weft.agent.weave.ClassHeaders;
import dev.weft.agent.weave.DirectTransformer;
import dev.weft.agent.weave.Weavings;
import dev.weft.instrumentation.api.Transformations;
import dev.weft.instrumentation.api.Transformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies the modules' recorded {@link Transformations} to one class file: the class's header is
 * read, every transformation whose matchers accept it contributes its advice, and the advice is
 * inlined into the class file. Failures are counted and the class loads as it was.
 *
 * <p>Classes of the bootstrap loader are left alone, except the JDK classes named when made; so are
 * the agent's own classes and synthetic ones.
 */
final class ModuleWeaver {

    private static final int ACC_SYNTHETIC = 0x1000;
    private static final String[] AGENT_PACKAGES = {
        "dev/weft/bootstrap/", "dev/weft/agent/", "dev/weft/instrumentation/", "dev/weft/shaded/"};

    private final List<Transformations.Transformation> transformations;
    private final Set<String> wovenJdkClasses;
    private final InstrumentationStats stats;
    private final AtomicBoolean reported = new AtomicBoolean();
    /** Set while this thread weaves: a class loaded by the weaving itself is not woven inside it. */
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<Boolean>();

    ModuleWeaver(Transformations recorded, String[] wovenJdkClasses, InstrumentationStats stats) {
        this.transformations = new ArrayList<Transformations.Transformation>(recorded.recorded());
        this.wovenJdkClasses = new HashSet<String>();
        for (String name : wovenJdkClasses) {
            this.wovenJdkClasses.add(name.replace('.', '/'));
        }
        this.stats = stats;
    }

    /** The transformed class file, or null to leave the class as it is. */
    byte[] transform(ClassLoader loader, String internalName, ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || ignored(loader, internalName) || weaving.get() != null) {
            return null;
        }
        weaving.set(Boolean.TRUE);
        try {
            ClassHeader type = ClassHeader.read(classFile, ClassHeaders.of(loader));
            List<Transformer> matched = new ArrayList<Transformer>(2);
            if ((type.modifiers() & ACC_SYNTHETIC) == 0) {
                for (Transformations.Transformation transformation : transformations) {
                    if (transformation.matches(type, loader)) {
                        matched.addAll(transformation.transformers());
                    }
                }
            }
            if (matched.isEmpty()) {
                if (Log.enabled(Log.Level.DEBUG)) {
                    Log.debug("candidate not instrumented: " + type.name());
                }
                return null;
            }
            Weavings weavings = new Weavings();
            for (Transformer transformer : matched) {
                ((DirectTransformer) transformer).contribute(type, loader, protectionDomain, weavings);
            }
            byte[] woven = weavings.weave(classFile, type);
            stats.classInstrumented();
            Log.debug("instrumented " + type.name());
            return woven;
        } catch (Throwable t) {
            failed(internalName.replace('/', '.'), t);
            return null;
        } finally {
            weaving.remove();
        }
    }

    private boolean ignored(ClassLoader loader, String internalName) {
        if (loader == null) {
            return !wovenJdkClasses.contains(internalName);
        }
        for (String prefix : AGENT_PACKAGES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Counts the failure; prints the first, since it means a library version we do not handle. */
    private void failed(String typeName, Throwable error) {
        stats.instrumentationFailed();
        if (reported.compareAndSet(false, true)) {
            Log.warn("could not instrument " + typeName + ", which runs unmodified (further failures are"
                    + " counted in weft_instrumentation_errors_total): " + error);
        } else {
            Log.debug("could not instrument " + typeName + ": " + error);
        }
    }

    @Override
    public String toString() {
        return "ModuleWeaver" + Arrays.asList(transformations);
    }
}
