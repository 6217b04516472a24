package dev.weft.agent.weave;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * A transformer whose whole effect on a class is advice for {@link AdviceInliner} (and side effects,
 * such as classes defined in the class's loader): a class only such transformers match is woven by
 * {@link Weavings} straight from its class file, without ByteBuddy's type writer.
 */
public interface DirectTransformer extends AgentBuilder.Transformer {

    /** Adds the advice this transformer weaves into {@code type}, and does its side effects. */
    void contribute(TypeDescription type, ClassLoader loader, JavaModule module, ProtectionDomain protectionDomain,
                    Weavings weavings);
}
