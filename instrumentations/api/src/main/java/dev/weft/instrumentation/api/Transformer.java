package dev.weft.instrumentation.api;

/**
 * What a transformation does to the classes it matches: inline advice ({@link AdviceTransformer})
 * or define auxiliary classes in their loader ({@link Advices#injecting}). Made by the agent's
 * {@link Advices}; modules do not implement it.
 */
public interface Transformer {
}
