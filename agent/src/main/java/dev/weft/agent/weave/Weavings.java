package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The advice {@link DirectTransformer}s chose for one class, in their order (the first is the
 * outermost, as when ByteBuddy applies them), woven into its class file by {@link ClassWeaver}.
 */
public final class Weavings {

    private final List<ClassWeaver.Weaving> weavings = new ArrayList<ClassWeaver.Weaving>();

    /** Whether every one of these transformers is a {@link DirectTransformer}. */
    public static boolean direct(List<AgentBuilder.Transformer> transformers) {
        for (AgentBuilder.Transformer transformer : transformers) {
            if (!(transformer instanceof DirectTransformer)) {
                return false;
            }
        }
        return true;
    }

    void add(final String name, final String descriptor, AdviceMethod enter, AdviceMethod exit) {
        weavings.add(new ClassWeaver.Weaving((access, method, methodDescriptor) ->
                method.equals(name) && methodDescriptor.equals(descriptor), enter, exit));
    }

    /** The woven class file, or null when no method was chosen. */
    public byte[] weave(byte[] classFile, TypeDescription type) {
        return weavings.isEmpty() ? null : ClassWeaver.weave(classFile, weavings, new DescribedFields(type));
    }
}
