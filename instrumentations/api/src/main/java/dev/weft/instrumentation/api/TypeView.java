package dev.weft.instrumentation.api;

import java.util.List;

/**
 * A class as its class file declares it, read without loading it. Its supertypes are read when
 * asked, from class files its class loader finds; a supertype that cannot be found makes the
 * call throw (a {@code RuntimeException}), which {@link Hierarchy#hasSuperType} treats as no match.
 */
public interface TypeView extends Named, Modified {

    /** The methods and constructors the class file declares (no inherited ones). */
    List<MethodView> declaredMethods();

    /** The fields the class file declares (no inherited ones). */
    List<FieldView> declaredFields();

    /** The superclass, or null for {@code java.lang.Object}; interfaces give {@code java.lang.Object}. */
    TypeView superClass();

    /** The interfaces the class file names as directly implemented (or, for an interface, extended). */
    List<TypeView> interfaces();

    default boolean isInterface() {
        return (modifiers() & 0x0200) != 0;
    }
}
