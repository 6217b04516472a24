package dev.weft.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CallDepthTest {

    @Test
    void insideHoldsFromTheOutermostEnterToItsExit() {
        assertFalse(CallDepth.SERVER.inside());
        assertEquals(0, CallDepth.SERVER.enter());
        assertEquals(1, CallDepth.SERVER.enter());
        CallDepth.SERVER.exit();
        assertTrue(CallDepth.SERVER.inside());
        CallDepth.SERVER.exit();
        assertFalse(CallDepth.SERVER.inside());
    }

    @Test
    void insideIsPerThreadAndPerKind() throws Exception {
        CallDepth.SERVER.enter();
        try {
            assertFalse(CallDepth.CLIENT.inside());
            AtomicBoolean elsewhere = new AtomicBoolean(true);
            Thread other = new Thread(() -> elsewhere.set(CallDepth.SERVER.inside()));
            other.start();
            other.join();
            assertFalse(elsewhere.get());
        } finally {
            CallDepth.SERVER.exit();
        }
    }

    @Test
    void anUnmatchedExitNeverMakesTheDepthNegative() {
        CallDepth.SERVER.exit();
        assertFalse(CallDepth.SERVER.inside());
        assertEquals(0, CallDepth.SERVER.enter());
        CallDepth.SERVER.exit();
    }
}
