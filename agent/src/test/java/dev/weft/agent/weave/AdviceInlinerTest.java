package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.bootstrap.Weft;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves {@link Targets.Greeter} with the advice of {@link TestAdvice}, defines it in a loader of its
 * own (the JVM verifies every stack map frame) and runs it: what the advice saw, and that the
 * method answers as it did unwoven.
 */
class AdviceInlinerTest {

    @BeforeEach
    void clear() {
        Targets.SEEN.clear();
    }

    private static Object greeter(Class<?> woven) throws ReflectiveOperationException {
        return woven.getConstructor(String.class).newInstance("hello");
    }

    private static Object call(Object target, String method, Object... arguments) throws Throwable {
        for (Method candidate : target.getClass().getMethods()) {
            if (candidate.getName().equals(method)) {
                try {
                    return candidate.invoke(target, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + method);
    }

    @Test
    void enterAndExitSeeArgumentsFieldsLocalsAndTheEnterValue() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("greet", TestAdvice.Greet.class)));

        assertEquals("hello world", call(greeter, "greet", "world"));
        assertEquals("hello!", call(greeter, "greet", ""));

        assertEquals(Arrays.asList(
                "enter world hello 7 true", "exit 42 hello world null mark:world",
                "enter  hello 7 true", "exit 42 hello! null mark:"), Targets.SEEN);
    }

    @Test
    void exitOnThrowableSeesTheExceptionWhichStillReachesTheCaller() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("greet", TestAdvice.Greet.class)));

        assertThrows(NullPointerException.class, () -> call(greeter, "greet", (Object) null));

        assertEquals(2, Targets.SEEN.size());
        assertTrue(Targets.SEEN.get(1).toString().startsWith("exit 42 null java.lang.NullPointerException"),
                String.valueOf(Targets.SEEN));
    }

    @Test
    void wideArgumentsAndALoopAtTheStartAndAWrittenReturnValue() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("sum", TestAdvice.Sum.class)));

        assertEquals(10L + 0 + 1 + 2 + 3 + 1000, call(greeter, "sum", 10L, 4, 2.5d));
        assertEquals(Arrays.asList("sum from 10 2.5"), Targets.SEEN);
    }

    @Test
    void theMethodsOwnHandlersComeBeforeTheExitsCatchAll() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("check", TestAdvice.Check.class)));

        assertEquals(6, call(greeter, "check", 3));
        assertEquals(-1, call(greeter, "check", 0));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> call(greeter, "check", -2));

        assertEquals("negative -2", thrown.getMessage());
        assertEquals(Arrays.asList("check 3 6 -", "check 0 -1 -", "check -2 0 negative -2"), Targets.SEEN);
    }

    @Test
    void aWrittenArgumentIsCastToTheArgumentsType() throws Throwable {
        Class<?> woven = Woven.weave(Targets.Greeter.class, Woven.advice("join", TestAdvice.Join.class));

        assertEquals("a/swapped", woven.getMethod("join", Object.class, String.class).invoke(null, "a", "b"));
    }

    @Test
    void skipOnANonDefaultEnterValueSkipsTheMethodAndTheExitMayReplaceItsOutcome() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("find", TestAdvice.Find.class)));

        assertSame(String.class, call(greeter, "find", "skip"));
        ClassNotFoundException notFound = assertThrows(ClassNotFoundException.class, () -> call(greeter, "find", "other"));
        assertEquals("other", notFound.getMessage());
    }

    @Test
    void failingAdviceIsReportedAndTheMethodAnswersAsUnwoven() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, Woven.advice("greet", TestAdvice.Failing.class)));
        long errors = Weft.adviceErrorCount();

        assertEquals("hello world", call(greeter, "greet", "world"));
        assertThrows(NullPointerException.class, () -> call(greeter, "greet", (Object) null));

        assertEquals(errors + 4, Weft.adviceErrorCount());
    }

    @Test
    void inALoaderBlindToTheBootstrapApiFailingAdviceStillLeavesTheMethodAsUnwoven() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class, true, Woven.advice("greet", TestAdvice.Failing.class)));
        long errors = Weft.adviceErrorCount();

        assertEquals("hello world", call(greeter, "greet", "world"));
        assertThrows(NullPointerException.class, () -> call(greeter, "greet", (Object) null));

        // reporting failed too (Weft cannot be resolved there), and that second failure was dropped
        assertEquals(errors, Weft.adviceErrorCount());
    }

    @Test
    void exitAdviceOnAConstructorSeesTheConstructedObject() throws Throwable {
        Class<?> woven = Woven.weave(Targets.Greeter.class, Woven.advice("<init>", TestAdvice.Constructed.class));

        greeter(woven);

        assertEquals(Arrays.asList("constructed hello x"), Targets.SEEN);
    }

    @Test
    void theFirstAdviceIsTheOutermost() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class,
                Woven.advice("nothing", TestAdvice.Outer.class), Woven.advice("nothing", TestAdvice.Inner.class)));

        call(greeter, "nothing");

        assertEquals(Arrays.asList("outer enter", "inner enter", "inner exit", "outer exit"), Targets.SEEN);
    }

    @Test
    void aFailingInnerAdviceIsSuppressedByItsOwnHandlerNotCaughtByTheOuterOnesCatchAll() throws Throwable {
        Object greeter = greeter(Woven.weave(Targets.Greeter.class,
                Woven.advice("greet", TestAdvice.Greet.class), Woven.advice("greet", TestAdvice.Failing.class)));
        long errors = Weft.adviceErrorCount();

        assertEquals("hello world", call(greeter, "greet", "world"));

        assertEquals(errors + 2, Weft.adviceErrorCount());
        assertEquals(Arrays.asList("enter world hello 7 true", "exit 42 hello world null mark:world"), Targets.SEEN);
    }

    @Test
    void aReturnThatLeavesMoreThanItsValueOnTheStackDropsTheRest() throws Throwable {
        String name = "dev/weft/agent/weave/Leftovers";
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor leftover = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "leftover", "()I", null, null);
        leftover.visitCode();
        leftover.visitInsn(Opcodes.LCONST_1);
        leftover.visitInsn(Opcodes.ICONST_1);
        leftover.visitInsn(Opcodes.ICONST_5);
        leftover.visitInsn(Opcodes.IRETURN);
        leftover.visitMaxs(4, 0);
        leftover.visitEnd();
        writer.visitEnd();
        List<ClassWeaver.Weaving> weavings = new ArrayList<ClassWeaver.Weaving>();
        weavings.add(Woven.advice("leftover", TestAdvice.ReturnSeen.class));
        byte[] woven = ClassWeaver.weave(writer.toByteArray(), weavings, field -> null);
        Class<?> leftovers = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(name.replace('/', '.'), woven, 0, woven.length);
            }
        }.define();

        assertEquals(5, leftovers.getMethod("leftover").invoke(null));
        assertEquals(Arrays.asList("returned 5"), Targets.SEEN);
    }

    @Test
    void whatCannotBeWovenIsRefusedBeforeAnyClassIsDefined() {
        assertThrows(IllegalArgumentException.class,
                () -> Woven.weave(Targets.Greeter.class, Woven.advice("nothing", TestAdvice.SelfReferring.class)));
        assertThrows(IllegalArgumentException.class,
                () -> Woven.weave(Targets.Greeter.class, Woven.advice("<init>", TestAdvice.EnterOnConstructor.class)));
        // @This in a static method
        assertThrows(IllegalArgumentException.class,
                () -> Woven.weave(Targets.Greeter.class, Woven.advice("join", TestAdvice.Constructed.class)));
        // @Return(readOnly = false) of another type (long into String)
        assertThrows(IllegalArgumentException.class,
                () -> Woven.weave(Targets.Greeter.class, Woven.advice("greet", TestAdvice.Sum.class)));
    }
}
