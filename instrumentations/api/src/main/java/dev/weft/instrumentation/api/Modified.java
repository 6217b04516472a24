package dev.weft.instrumentation.api;

/** A class, method or field with the access flags of its class file. */
public interface Modified {

    /** The access flags as the class file has them ({@code java.lang.reflect.Modifier} bits and more). */
    int modifiers();
}
