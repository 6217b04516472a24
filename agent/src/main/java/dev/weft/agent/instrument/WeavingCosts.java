package dev.weft.agent.instrument;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU time the agent's own start-up work took, for {@code WEFT_LOG_LEVEL=debug}: premain, the
 * background start, and the weaving the application's threads do as candidates load (the weaver's
 * part of each class load). What the JIT compiles of that code and the garbage it leaves are not
 * in it: they show in the process's CPU time only, which is what the benchmarks measure.
 */
final class WeavingCosts {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong weavingNanos = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();

    /** The current thread's CPU time so far, in nanoseconds. */
    long now() {
        return threads.getCurrentThreadCpuTime();
    }

    /** One class handed to the weaver, since {@code started} (a {@link #now} of this thread). */
    void woven(long started) {
        weavingNanos.addAndGet(now() - started);
        handed.incrementAndGet();
    }

    String describe() {
        return "weaving on the loading threads: " + weavingNanos.get() / 1000000 + " ms of CPU for " + handed.get()
                + " candidate classes handed to the weaver";
    }
}
