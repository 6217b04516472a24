package dev.weft.agent.weave;

/**
 * Where the fields an advice reads ({@code @Advice.FieldValue}) are declared: the woven class or one
 * of its superclasses, as the JVM resolves a field. A field access in bytecode names its type, which
 * the advice's parameter need not repeat exactly.
 */
interface FieldTypes {

    /** The field of the woven class (or inherited) of this name, or null when there is none. */
    Field find(String name);

    /** A field as a field instruction names it. */
    final class Field {
        final String descriptor;
        final boolean isStatic;

        Field(String descriptor, boolean isStatic) {
            this.descriptor = descriptor;
            this.isStatic = isStatic;
        }
    }
}
