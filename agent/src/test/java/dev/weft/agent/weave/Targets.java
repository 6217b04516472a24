package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;

/** Classes the tests weave, each woven into a loader of its own; their code is what javac makes of plain Java. */
public final class Targets {

    private Targets() {}

    /** What the advice saw, in order. */
    public static final List<Object> SEEN = new ArrayList<Object>();

    public static class Base {
        protected int inherited = 7;
    }

    public static class Greeter extends Base {
        private final String salutation;

        public Greeter(String salutation) {
            this.salutation = salutation;
        }

        public String greet(String name) {
            if (name.isEmpty()) {
                return salutation + "!";
            }
            return salutation + " " + name;
        }

        /** Wide arguments and a loop at the very start (a frame at offset 0). */
        public long sum(long start, int count, double ignored) {
            long total = start;
            for (int i = 0; i < count; i++) {
                total += i;
            }
            return total;
        }

        /** Throws for negative input; catches and returns its own exception for zero. */
        public int check(int value) {
            try {
                if (value == 0) {
                    throw new IllegalArgumentException("zero");
                }
            } catch (IllegalArgumentException own) {
                return -1;
            }
            if (value < 0) {
                throw new IllegalStateException("negative " + value);
            }
            return value * 2;
        }

        public static String join(Object first, String second) {
            return first + "/" + second;
        }

        public Class<?> find(String name) throws ClassNotFoundException {
            throw new ClassNotFoundException(name);
        }

        public void nothing() {
        }
    }
}
