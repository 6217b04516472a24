package dev.weft.instrumentation.api;

/**
 * Makes advice transformers that follow Weft's rules: advice class files are read from the module's
 * own (agent) class loader, never loaded there, and any exception inside advice is handed to
 * {@code Weft.adviceError} instead of reaching application code.
 */
public interface Advices {

    /** A transformer for advice classes of the given module; add advice with {@code .advice(matcher, className)}. */
    AdviceTransformer forModule(InstrumentationModule module);

    /**
     * A transformer that defines the module's named classes in each instrumented type's class loader,
     * for advice that instantiates them (an {@code AsyncListener}, say). Apply it before the advice.
     */
    Transformer injecting(InstrumentationModule module, String... classNames);
}
