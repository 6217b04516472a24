package dev.weft.agent.weave;

import static dev.weft.instrumentation.api.Matchers.declaresMethod;
import static dev.weft.instrumentation.api.Matchers.isAbstract;
import static dev.weft.instrumentation.api.Matchers.isInterface;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.not;
import static dev.weft.instrumentation.api.Matchers.returns;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.instrumentation.api.FieldView;
import dev.weft.instrumentation.api.Hierarchy;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.TypeView;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Class headers read from class files say what reflection on the loaded classes says. */
class ClassHeaderTest {

    interface Hidden {}

    abstract static class Sample implements Hidden, Serializable {
        static final long serialVersionUID = 1L;
        private int[][] grid;
        protected Map<String, Object> attributes;

        Sample(String name, long[] values) {}

        public abstract void run(byte b, char c, short s, boolean z, float f, double d);

        static String[] names(List<? extends Number> numbers, Object... rest) {
            return new String[0];
        }

        private Thread.State state(java.util.concurrent.TimeUnit unit) {
            return null;
        }
    }

    private static ClassHeader header(Class<?> type) {
        return header(type, type.getClassLoader());
    }

    private static ClassHeader header(Class<?> type, ClassLoader loader) {
        return ClassHeader.read(ClassFiles.read(type.getClassLoader(), type.getName()), ClassHeaders.of(loader));
    }

    @Test
    void membersAgreeWithReflection() {
        for (Class<?> type : Arrays.asList(Sample.class, String.class, java.net.HttpURLConnection.class,
                java.util.concurrent.ConcurrentHashMap.class, Thread.State.class)) {
            ClassHeader header = header(type);
            assertEquals(type.getName(), header.name());
            assertEquals(type.getName().replace('.', '/'), header.internalName());
            assertEquals(type.isInterface(), header.isInterface());
            assertEquals(reflectedMethods(type), viewedMethods(header), type.getName());
            assertEquals(reflectedFields(type), viewedFields(header), type.getName());
        }
    }

    private static TreeSet<String> reflectedMethods(Class<?> type) {
        TreeSet<String> methods = new TreeSet<String>();
        for (Method method : type.getDeclaredMethods()) {
            if (method.isSynthetic()) {
                continue;
            }
            methods.add(method.getModifiers() + " " + method.getName() + names(method.getParameterTypes())
                    + method.getReturnType().getName());
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            // a constructor's access flags as reflection gives them
            methods.add(constructor.getModifiers() + " <init>" + names(constructor.getParameterTypes()) + "void");
        }
        return methods;
    }

    private static TreeSet<String> viewedMethods(TypeView type) {
        TreeSet<String> methods = new TreeSet<String>();
        for (MethodView method : type.declaredMethods()) {
            if (method.name().equals("<clinit>") || (method.modifiers() & 0x1000) != 0) {
                continue; // neither reflection lists; synthetic ones are left out of the comparison
            }
            methods.add((method.modifiers() & 0xfff) + " " + method.name()
                    + method.parameterTypeNames() + method.returnTypeName());
        }
        return methods;
    }

    private static TreeSet<String> reflectedFields(Class<?> type) {
        TreeSet<String> fields = new TreeSet<String>();
        for (Field field : type.getDeclaredFields()) {
            if (!field.isSynthetic()) {
                fields.add(field.getModifiers() + " " + field.getName() + " " + descriptor(field.getType()));
            }
        }
        return fields;
    }

    private static TreeSet<String> viewedFields(TypeView type) {
        TreeSet<String> fields = new TreeSet<String>();
        for (FieldView field : type.declaredFields()) {
            if ((field.modifiers() & 0x1000) == 0) {
                fields.add(field.modifiers() + " " + field.name() + " " + field.descriptor());
            }
        }
        return fields;
    }

    private static List<String> names(Class<?>[] types) {
        List<String> names = new ArrayList<String>();
        for (Class<?> type : types) {
            names.add(type.getName());
        }
        return names;
    }

    private static String descriptor(Class<?> type) {
        return net.bytebuddy.jar.asm.Type.getDescriptor(type);
    }

    @Test
    void methodMatchersReadTheDescriptor() {
        TypeView sample = header(Sample.class);
        assertTrue(declaresMethod(named("run").and(isAbstract()).and(takesArguments(6))
                .and(takesArgument(1, char.class)).and(returns(void.class))).matches(sample));
        assertTrue(declaresMethod(named("names").and(takesArguments(List.class, Object[].class))
                .and(returns(String[].class))).matches(sample));
        assertTrue(declaresMethod(named("state").and(takesArgument(0, named("java.util.concurrent.TimeUnit")))
                .and(returns(named("java.lang.Thread$State")))).matches(sample));
        assertTrue(declaresMethod(named("<init>").and(takesArgument(1, long[].class))).matches(sample));
        assertFalse(declaresMethod(named("run").and(not(isAbstract()))).matches(sample));
        assertFalse(declaresMethod(named("state").and(takesArgument(1, Object.class))).matches(sample));
        assertFalse(isInterface().matches(sample));
        assertTrue(isInterface().matches(header(Hidden.class)));
    }

    @Test
    void supertypesAreReadThroughTheLoader() {
        TypeView list = header(java.util.ArrayList.class, null);
        assertEquals("java.util.AbstractList", list.superClass().name());
        assertNull(list.superClass().superClass().superClass().superClass());
        assertTrue(Hierarchy.hasSuperType(named("java.util.Collection")).matches(list));
        assertTrue(Hierarchy.hasSuperType(named("java.lang.Iterable")).matches(list));
        assertFalse(Hierarchy.hasSuperType(named("java.util.Map")).matches(list));
        assertTrue(Hierarchy.hasSuperType(named(Hidden.class.getName())).matches(header(Sample.class)));
    }

    @Test
    void aSupertypeTheLoaderCannotFindFailsTheWalkAndNoMatch() {
        ClassLoader withoutHidden = new ClassLoader(null) {
            @Override
            public URL getResource(String name) {
                return name.startsWith(ClassHeaderTest.class.getName().replace('.', '/') + "$Hidden")
                        ? null : ClassHeaderTest.class.getClassLoader().getResource(name);
            }
        };
        TypeView sample = header(Sample.class, withoutHidden);
        assertThrows(IllegalStateException.class, sample::interfaces);
        assertFalse(Hierarchy.hasSuperType(named("java.lang.Runnable")).matches(sample));
        // the walk fails at Hidden, before it reaches Object: the whole hierarchy counts as unreadable
        assertFalse(Hierarchy.hasSuperType(named(Object.class.getName())).matches(sample));
        assertTrue(Hierarchy.hasSuperType(named(Sample.class.getName())).matches(sample));
    }
}
