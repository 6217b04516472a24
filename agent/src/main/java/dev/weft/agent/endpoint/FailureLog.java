package dev.weft.agent.endpoint;

import dev.weft.agent.Log;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per kind of failure per minute, with the count of the ones held back.
 *
 * <pre>{@code
 * FailureLog.warn("accept", "metrics endpoint: accept failed, backing off: " + e);
 * // weft: metrics endpoint: accept failed, backing off: java.io.IOException: Too many open files (1207 more since the last line)
 * }</pre>
 *
 * <p>Failures of the endpoint come in storms exactly when the host is in trouble (out of descriptors,
 * out of memory, a scanner at the door); a line per failure would fill its disk on top.
 */
final class FailureLog {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final ConcurrentMap<String, Kind> KINDS = new ConcurrentHashMap<String, Kind>();

    private FailureLog() {}

    private static final class Kind {
        final AtomicLong nextLine = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    static void warn(String kind, String message) {
        log(kind, message, Log.Level.WARN);
    }

    static void debug(String kind, String message) {
        log(kind, message, Log.Level.DEBUG);
    }

    /** True when a line was printed (for tests). */
    static boolean log(String kind, String message, Log.Level level) {
        if (!Log.enabled(level)) {
            return false;
        }
        Kind k = KINDS.get(kind);
        if (k == null) {
            Kind fresh = new Kind();
            k = KINDS.putIfAbsent(kind, fresh);
            if (k == null) {
                k = fresh;
            }
        }
        long now = System.nanoTime();
        long next = k.nextLine.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !k.nextLine.compareAndSet(next, now + INTERVAL_NANOS)) {
            k.suppressed.incrementAndGet();
            return false;
        }
        long held = k.suppressed.getAndSet(0);
        String line = held == 0 ? message : message + " (" + held + " more since the last line)";
        if (level == Log.Level.WARN) {
            Log.warn(line);
        } else {
            Log.debug(line);
        }
        return true;
    }
}
