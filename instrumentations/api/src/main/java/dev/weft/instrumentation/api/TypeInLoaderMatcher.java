package dev.weft.instrumentation.api;

/**
 * A test of a matched class together with the loader defining it, asked after the type and loader
 * matchers of its transformation said yes; see {@link ClassLoaders#seesBootstrapApi}.
 */
@FunctionalInterface
public interface TypeInLoaderMatcher {

    /** {@code loader} is null for the bootstrap loader. */
    boolean matches(TypeView type, ClassLoader loader);
}
