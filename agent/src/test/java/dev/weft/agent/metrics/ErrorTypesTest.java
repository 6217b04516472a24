package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorTypesTest {

    @Test
    void anExceptionOfTheApplicationIsItsClass() {
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(new IllegalStateException("x")));
        assertEquals("java.lang.RuntimeException",
                ErrorTypes.of(new RuntimeException(new IllegalStateException("cause kept: not a known wrapper"))));
    }

    @Test
    void knownWrappersAreUnwrappedToWhatTheApplicationThrew() {
        assertEquals("java.lang.IllegalArgumentException", ErrorTypes.of(
                new CompletionException(new InvocationTargetException(new IllegalArgumentException("x")))));
    }

    @Test
    void aWrapperWithoutACauseIsItself() {
        assertEquals("java.util.concurrent.CompletionException", ErrorTypes.of(new CompletionException("no cause", null)));
    }
}
