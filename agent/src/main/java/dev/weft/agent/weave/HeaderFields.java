package dev.weft.agent.weave;

import dev.weft.instrumentation.api.FieldView;
import dev.weft.instrumentation.api.TypeView;

/** Fields as the woven class's header and its superclasses' declare them. */
final class HeaderFields implements FieldTypes {

    private static final int ACC_STATIC = 0x0008;

    private final TypeView type;

    HeaderFields(TypeView type) {
        this.type = type;
    }

    @Override
    public Field find(String name) {
        for (TypeView declaring = type; declaring != null; declaring = declaring.superClass()) {
            for (FieldView field : declaring.declaredFields()) {
                if (field.name().equals(name)) {
                    return new Field(field.descriptor(), (field.modifiers() & ACC_STATIC) != 0);
                }
            }
        }
        return null;
    }
}
