package dev.weft.agent.weave;

import dev.weft.instrumentation.api.TypeView;
import java.util.ArrayList;
import java.util.List;

/**
 * The advice {@link DirectTransformer}s chose for one class, in their order (the first is the
 * outermost), woven into its class file by {@link ClassWeaver}.
 */
public final class Weavings {

    private final List<ClassWeaver.Weaving> weavings = new ArrayList<ClassWeaver.Weaving>();

    void add(final String name, final String descriptor, AdviceMethod enter, AdviceMethod exit) {
        weavings.add(new ClassWeaver.Weaving((access, method, methodDescriptor) ->
                method.equals(name) && methodDescriptor.equals(descriptor), enter, exit));
    }

    /** The woven class file, or null when no method was chosen. */
    public byte[] weave(byte[] classFile, TypeView type) {
        return weavings.isEmpty() ? null : ClassWeaver.weave(classFile, weavings, new HeaderFields(type));
    }
}
