package dev.weft.agent.instrument;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Advice transformers as every module needs them: advice bytes come from the module's jar (read,
 * not loaded: the advice is inlined), and an exception inside advice goes to
 * {@code Weft.adviceError} instead of into the application ({@link AdviceErrorHandler}). The advice
 * classes, and the JDK and bootstrap types their signatures name, are described through the
 * matching's per-loader cache, with the same weak class-file locator: otherwise each woven class
 * would parse them again.
 */
final class WeftAdvices implements Advices {

    private final AgentBuilder.PoolStrategy pools;

    WeftAdvices(AgentBuilder.PoolStrategy pools) {
        this.pools = pools;
    }

    @Override
    public AgentBuilder.Transformer.ForAdvice forModule(InstrumentationModule module) {
        return new AgentBuilder.Transformer.ForAdvice()
                .with(pools)
                // the cached descriptions keep the pool's locator: a strong one would keep a webapp's loader
                .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
                .include(module.getClass().getClassLoader())
                .withExceptionHandler(AdviceErrorHandler.INSTANCE);
    }

    @Override
    public AgentBuilder.Transformer injecting(InstrumentationModule module, String... classNames) {
        return new AuxiliaryInjector(module.getClass().getClassLoader(), java.util.Arrays.asList(classNames));
    }
}
