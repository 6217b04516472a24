package dev.weft.agent.instrument;

import dev.weft.bootstrap.Weft;
import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;

/**
 * Advice transformers as every module needs them: advice bytes come from the module's jar (read,
 * not loaded: the advice is inlined), and an exception inside advice goes to
 * {@link Weft#adviceError(Throwable)} instead of into the application.
 */
final class WeftAdvices implements Advices {

    private final Advice.ExceptionHandler countErrors;

    WeftAdvices() {
        try {
            countErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                    new MethodDescription.ForLoadedMethod(Weft.class.getMethod("adviceError", Throwable.class))));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("dev.weft.bootstrap.Weft does not match this agent", e);
        }
    }

    @Override
    public AgentBuilder.Transformer.ForAdvice forModule(InstrumentationModule module) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(module.getClass().getClassLoader())
                .withExceptionHandler(countErrors);
    }

    @Override
    public AgentBuilder.Transformer injecting(InstrumentationModule module, String... classNames) {
        return new AuxiliaryInjector(module.getClass().getClassLoader(), java.util.Arrays.asList(classNames));
    }
}
