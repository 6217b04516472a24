package dev.weft.instrumentation.api;

import java.util.List;

/** A method or constructor as its class file declares it. */
public interface MethodView extends Named, Modified {

    /** The method descriptor, e.g. {@code (Ljava/lang/String;I)V}. */
    String descriptor();

    /** The parameters' type names, as {@link Named#name()} gives them. */
    List<String> parameterTypeNames();

    /** The return type's name, as {@link Named#name()} gives it ({@code void} for none). */
    String returnTypeName();

    default boolean isConstructor() {
        return "<init>".equals(name());
    }
}
