package dev.weft.agent.weave;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice the tests weave, written as the modules write theirs. */
final class TestAdvice {

    private TestAdvice() {}

    static final class Greet {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object self,
                          @Advice.Argument(0) String name,
                          @Advice.FieldValue("salutation") String salutation,
                          @Advice.FieldValue("inherited") int inherited,
                          @Advice.Local("mark") String mark) {
            mark = "mark:" + name;
            Targets.SEEN.add("enter " + name + " " + salutation + " " + inherited + " " + (self != null));
            return 42L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long entered,
                         @Advice.Return String result,
                         @Advice.Thrown Throwable thrown,
                         @Advice.Local("mark") String mark) {
            Targets.SEEN.add("exit " + entered + " " + result + " " + thrown + " " + mark);
        }
    }

    static final class Sum {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) long start, @Advice.Argument(2) double ignored) {
            Targets.SEEN.add("sum from " + start + " " + ignored);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) long result) {
            result += 1000;
        }
    }

    static final class Check {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) int value, @Advice.Return int result, @Advice.Thrown Throwable thrown) {
            Targets.SEEN.add("check " + value + " " + result + " " + (thrown == null ? "-" : thrown.getMessage()));
        }
    }

    static final class Join {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object second) {
            second = "swapped";
        }
    }

    static final class Find {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Class<?> enter(@Advice.Argument(0) String name) {
            return "skip".equals(name) ? String.class : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Class<?> found,
                         @Advice.Return(readOnly = false) Class<?> result,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (found != null) {
                result = found;
                thrown = null;
            }
        }
    }

    static final class Failing {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String name) {
            throw new IllegalStateException("enter advice fails for " + name);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return String result) {
            throw new IllegalStateException("exit advice fails after " + result);
        }
    }

    static final class Constructed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Targets.Greeter self) {
            Targets.SEEN.add("constructed " + self.greet("x"));
        }
    }

    static final class Outer {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Targets.SEEN.add("outer enter");
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Targets.SEEN.add("outer exit");
        }
    }

    static final class Inner {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Targets.SEEN.add("inner enter");
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Targets.SEEN.add("inner exit");
        }
    }

    static final class ReturnSeen {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return int returned) {
            Targets.SEEN.add("returned " + returned);
        }
    }

    static final class SelfReferring {
        static int calls;

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            calls++;
        }
    }

    static final class EnterOnConstructor {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Targets.SEEN.add("never");
        }
    }
}
