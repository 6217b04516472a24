package dev.weft.instrumentation.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A loaded class's hierarchy; asking for {@code missing} throws, as a class file not found does. */
final class LoadedTypeView implements TypeView {
    private final Class<?> type;
    private final Class<?> missing;

    LoadedTypeView(Class<?> type, Class<?> missing) {
        this.type = type;
        this.missing = missing;
    }

    private TypeView of(Class<?> other) {
        if (other == missing) {
            throw new IllegalStateException("no class file of " + other.getName());
        }
        return new LoadedTypeView(other, missing);
    }

    @Override
    public String name() {
        return type.getName();
    }

    @Override
    public int modifiers() {
        return type.getModifiers();
    }

    @Override
    public List<MethodView> declaredMethods() {
        return Collections.emptyList();
    }

    @Override
    public List<FieldView> declaredFields() {
        return Collections.emptyList();
    }

    @Override
    public TypeView superClass() {
        return type.getSuperclass() == null ? null : of(type.getSuperclass());
    }

    @Override
    public List<TypeView> interfaces() {
        List<TypeView> interfaces = new ArrayList<>();
        for (Class<?> implemented : type.getInterfaces()) {
            interfaces.add(of(implemented));
        }
        return interfaces;
    }
}
