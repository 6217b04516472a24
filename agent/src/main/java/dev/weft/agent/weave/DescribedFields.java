package dev.weft.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** Fields as ByteBuddy describes the woven class and its superclasses. */
final class DescribedFields implements FieldTypes {

    private final TypeDescription type;

    DescribedFields(TypeDescription type) {
        this.type = type;
    }

    @Override
    public Field find(String name) {
        for (TypeDefinition declaring = type; declaring != null; declaring = declaring.getSuperClass()) {
            FieldList<?> fields = declaring.getDeclaredFields().filter(named(name));
            if (!fields.isEmpty()) {
                FieldDescription field = fields.getOnly();
                return new Field(field.getDescriptor(), field.isStatic());
            }
        }
        return null;
    }
}
