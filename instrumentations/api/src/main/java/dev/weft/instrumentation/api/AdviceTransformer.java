package dev.weft.instrumentation.api;

/**
 * A transformer that inlines advice classes into the methods they are chosen for. Advice classes
 * are named, not loaded: their class files are read from the module's jar and their code copied
 * into the woven methods, with any exception the advice throws handed to {@code Weft.adviceError}.
 */
public interface AdviceTransformer extends Transformer {

    /** Adds the enter and exit advice of one class to the matching methods. */
    AdviceTransformer advice(Matcher<? super MethodView> methods, String adviceClass);

    /** Adds the enter advice of one class and the exit advice of another to the matching methods. */
    AdviceTransformer advice(Matcher<? super MethodView> methods, String enterClass, String exitClass);
}
