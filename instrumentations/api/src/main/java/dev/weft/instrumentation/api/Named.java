package dev.weft.instrumentation.api;

/** Anything a matcher can ask for its name: a class, a method, a field, a type in a signature. */
@FunctionalInterface
public interface Named {

    /**
     * The name: a class's binary name as {@link Class#getName()} gives it ({@code a.b.Outer$Inner},
     * {@code int}, {@code [Ljava.lang.String;}), a method's or a field's simple name
     * ({@code <init>} for constructors).
     */
    String name();
}
