package dev.weft.agent.weave;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Test helper: weaves a test class with test advice and defines the result in a loader of its own. */
final class Woven {

    private Woven() {}

    static byte[] classFile(Class<?> type) {
        byte[] classFile = ClassFiles.read(type.getClassLoader(), type.getName());
        if (classFile == null) {
            throw new AssertionError("no class file for " + type.getName());
        }
        return classFile;
    }

    /** Advice of {@code adviceClass} into the methods of {@code target} named {@code method}. */
    static ClassWeaver.Weaving advice(String method, Class<?> adviceClass) {
        return ClassWeaver.Weaving.of((access, name, descriptor) -> name.equals(method), classFile(adviceClass));
    }

    /** The woven class, defined by a new loader (which verifies it); its other classes come from the test's loader. */
    static Class<?> weave(Class<?> target, ClassWeaver.Weaving... weavings) {
        return weave(target, false, weavings);
    }

    /**
     * As {@link #weave(Class, ClassWeaver.Weaving...)}; with {@code hideBootstrapApi} the loader
     * refuses {@code dev.weft.bootstrap}, as JBoss Modules and OSGi loaders that do not delegate to
     * the boot loader do.
     */
    static Class<?> weave(Class<?> target, boolean hideBootstrapApi, ClassWeaver.Weaving... weavings) {
        List<ClassWeaver.Weaving> list = new ArrayList<ClassWeaver.Weaving>();
        java.util.Collections.addAll(list, weavings);
        byte[] woven = ClassWeaver.weave(classFile(target), list, name -> inheritedField(target.getSuperclass(), name));
        if (woven == null) {
            throw new AssertionError("nothing woven");
        }
        return new ClassLoader(Woven.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(target.getName(), woven, 0, woven.length);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (hideBootstrapApi && name.startsWith("dev.weft.bootstrap.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        }.define();
    }

    private static FieldTypes.Field inheritedField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    String descriptor = net.bytebuddy.jar.asm.Type.getDescriptor(field.getType());
                    return new FieldTypes.Field(descriptor, Modifier.isStatic(field.getModifiers()));
                }
            }
        }
        return null;
    }
}
