package dev.weft.agent.weave;

import dev.weft.instrumentation.api.Transformer;
import dev.weft.instrumentation.api.TypeView;
import java.security.ProtectionDomain;

/**
 * What every transformer the agent makes does to a class: add advice for {@link AdviceInliner} to
 * {@link Weavings}, or side effects such as classes defined in the class's loader.
 */
public interface DirectTransformer extends Transformer {

    /** Adds the advice this transformer weaves into {@code type}, and does its side effects. */
    void contribute(TypeView type, ClassLoader loader, ProtectionDomain protectionDomain, Weavings weavings);
}
