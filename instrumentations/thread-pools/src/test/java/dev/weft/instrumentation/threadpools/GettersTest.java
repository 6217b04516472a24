package dev.weft.instrumentation.threadpools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class GettersTest {

    @Test
    void aGetterOfAHiddenClassIsCalledThroughThePublicTypeThatDeclaresIt() throws Exception {
        List<Integer> hidden = Collections.unmodifiableList(Arrays.asList(1, 2, 3)); // a private JDK class
        assertEquals(3, Getters.number(hidden, "size"));
        Callable<Integer> anonymous = new Callable<Integer>() {
            @Override
            public Integer call() {
                return 42;
            }
        };
        assertEquals(42L, Getters.number(anonymous, "call"));
    }

    @Test
    void whatIsNotANonNegativeNumberIsMinusOne() throws Exception {
        assertEquals(-1, Getters.number("text", "toString"));
        assertEquals(-1, Getters.number(new Object(), "getBusyThreads"));
        assertEquals(-1, Getters.number(null, "size"));
        Callable<Integer> negative = () -> -2; // Tomcat's -2: no executor
        assertEquals(-1, Getters.number(negative, "call"));
        assertNull(Getters.get(new Object(), "getName"));
    }
}
