package dev.weft.agent.instrument;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the transformer has done so far. It exists before the registry does: the transformer is
 * installed first, in premain, and the registry that exports these counts
 * ({@code weft_instrumented_classes_total}, {@code weft_instrumentation_errors_total}) is built
 * afterwards on a background thread.
 */
public final class InstrumentationStats {

    private final AtomicLong instrumented = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void classInstrumented() {
        instrumented.incrementAndGet();
    }

    void instrumentationFailed() {
        failed.incrementAndGet();
    }

    public long instrumentedClasses() {
        return instrumented.get();
    }

    public long failures() {
        return failed.get();
    }
}
