package dev.weft.instrumentation.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The matchers modules choose classes, methods and loaders with. Each reads only what a class file
 * declares (names, access flags, descriptors), so matching loads no class.
 */
public final class Matchers {

    private static final int PUBLIC = 0x0001;
    private static final int PRIVATE = 0x0002;
    private static final int STATIC = 0x0008;
    private static final int BRIDGE = 0x0040;
    private static final int INTERFACE = 0x0200;
    private static final int ABSTRACT = 0x0400;

    private Matchers() {}

    /** Elements of exactly this name; see {@link Named#name()} for the form of names. */
    public static <T extends Named> Matcher<T> named(String name) {
        return describe(target -> name.equals(target.name()), "named(" + name + ")");
    }

    /** Elements with one of these names. */
    public static <T extends Named> Matcher<T> namedOneOf(String... names) {
        Set<String> set = new HashSet<String>(Arrays.asList(names));
        return describe(target -> set.contains(target.name()), "namedOneOf(" + set + ")");
    }

    /** Elements whose name starts with {@code prefix}. */
    public static <T extends Named> Matcher<T> nameStartsWith(String prefix) {
        return describe(target -> target.name().startsWith(prefix), "nameStartsWith(" + prefix + ")");
    }

    /** Elements {@code matcher} refuses. */
    public static <T> Matcher<T> not(Matcher<? super T> matcher) {
        return describe(target -> !matcher.matches(target), "not(" + matcher + ")");
    }

    public static <T extends Modified> Matcher<T> isPublic() {
        return flag(PUBLIC, "isPublic()");
    }

    public static <T extends Modified> Matcher<T> isPrivate() {
        return flag(PRIVATE, "isPrivate()");
    }

    public static <T extends Modified> Matcher<T> isStatic() {
        return flag(STATIC, "isStatic()");
    }

    public static <T extends Modified> Matcher<T> isAbstract() {
        return flag(ABSTRACT, "isAbstract()");
    }

    public static Matcher<TypeView> isInterface() {
        return flag(INTERFACE, "isInterface()");
    }

    /** Bridge methods, which the compiler adds for covariant returns and generic overrides. */
    public static Matcher<MethodView> isBridge() {
        return flag(BRIDGE, "isBridge()");
    }

    public static Matcher<MethodView> isConstructor() {
        return describe(MethodView::isConstructor, "isConstructor()");
    }

    /** Methods that take this many parameters. */
    public static Matcher<MethodView> takesArguments(int count) {
        return describe(method -> method.parameterTypeNames().size() == count, "takesArguments(" + count + ")");
    }

    /** Methods that take exactly parameters of these types. */
    public static Matcher<MethodView> takesArguments(Class<?>... types) {
        List<String> names = names(types);
        return describe(method -> names.equals(method.parameterTypeNames()), "takesArguments(" + names + ")");
    }

    /** Methods whose parameter {@code index} (from 0) is of this type. */
    public static Matcher<MethodView> takesArgument(int index, Class<?> type) {
        return takesArgument(index, named(type.getName()));
    }

    /** Methods whose parameter {@code index} (from 0) has a type {@code type} accepts. */
    public static Matcher<MethodView> takesArgument(int index, Matcher<? super Named> type) {
        return describe(method -> {
            List<String> parameters = method.parameterTypeNames();
            if (index >= parameters.size()) {
                return false;
            }
            String name = parameters.get(index);
            Named parameter = () -> name;
            return type.matches(parameter);
        }, "takesArgument(" + index + ", " + type + ")");
    }

    /** Methods that return this type ({@code void.class} for none). */
    public static Matcher<MethodView> returns(Class<?> type) {
        return returns(named(type.getName()));
    }

    /** Methods whose return type {@code type} accepts. */
    public static Matcher<MethodView> returns(Matcher<? super Named> type) {
        return describe(method -> {
            String name = method.returnTypeName();
            Named returned = () -> name;
            return type.matches(returned);
        }, "returns(" + type + ")");
    }

    /** Classes that declare (not inherit) a method {@code method} accepts. */
    public static Matcher<TypeView> declaresMethod(Matcher<? super MethodView> method) {
        return describe(type -> any(type.declaredMethods(), method), "declaresMethod(" + method + ")");
    }

    /** Classes that declare (not inherit) a field {@code field} accepts. */
    public static Matcher<TypeView> declaresField(Matcher<? super FieldView> field) {
        return describe(type -> any(type.declaredFields(), field), "declaresField(" + field + ")");
    }

    /** The bootstrap loader, which the JVM passes as null. */
    public static Matcher<ClassLoader> isBootstrapClassLoader() {
        return describe(loader -> loader == null, "isBootstrapClassLoader()");
    }

    /** Every element. */
    public static <T> Matcher<T> any() {
        return describe(target -> true, "any()");
    }

    private static <E> boolean any(List<? extends E> elements, Matcher<? super E> matcher) {
        for (E element : elements) {
            if (matcher.matches(element)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Modified> Matcher<T> flag(int flag, String text) {
        return describe(target -> (target.modifiers() & flag) != 0, text);
    }

    private static List<String> names(Class<?>[] types) {
        List<String> names = new ArrayList<String>(types.length);
        for (Class<?> type : types) {
            names.add(type.getName());
        }
        return names;
    }

    static <T> Matcher<T> describe(Matcher<T> matcher, String text) {
        return new Described<T>(matcher, text);
    }

    /** A matcher that tells what it tests, for debug logs and test failures. */
    static final class Described<T> implements Matcher<T> {
        private final Matcher<T> test;
        private final String text;

        Described(Matcher<T> test, String text) {
            this.test = test;
            this.text = text;
        }

        @Override
        public boolean matches(T target) {
            return test.matches(target);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
