package dev.weft.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up weaves its sample class: it fails silently by design, so a test must say when it stops working. */
class WarmUpTest {

    @Test
    void weavesItsSampleClass() {
        assertTrue(WarmUp.run());
    }
}
