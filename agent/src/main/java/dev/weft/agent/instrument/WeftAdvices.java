package dev.weft.agent.instrument;

import dev.weft.agent.weave.InliningAdvice;
import dev.weft.instrumentation.api.AdviceTransformer;
import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformer;
import java.util.HashMap;
import java.util.Map;

/**
 * Advice transformers as every module needs them: advice bytes come from the module's jar (read,
 * not loaded: the advice is inlined by {@link InliningAdvice}), and an exception inside advice goes
 * to {@code Weft.adviceError} instead of into the application.
 */
final class WeftAdvices implements Advices {

    /** Per module loader (in the agent jar, one): each advice class is read once, whichever transformer names it. */
    private final Map<ClassLoader, InliningAdvice> byLoader = new HashMap<ClassLoader, InliningAdvice>();

    @Override
    public synchronized AdviceTransformer forModule(InstrumentationModule module) {
        ClassLoader loader = module.getClass().getClassLoader();
        InliningAdvice advice = byLoader.get(loader);
        if (advice == null) {
            advice = new InliningAdvice(loader);
            byLoader.put(loader, advice);
        }
        return advice;
    }

    @Override
    public Transformer injecting(InstrumentationModule module, String... classNames) {
        return new AuxiliaryInjector(module.getClass().getClassLoader(), java.util.Arrays.asList(classNames));
    }
}
