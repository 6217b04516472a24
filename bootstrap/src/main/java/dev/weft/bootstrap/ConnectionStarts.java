package dev.weft.bootstrap;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * When a client request that spans several calls began, per request object. For
 * {@code HttpURLConnection}, whose one logical request may start with {@code connect()} or
 * {@code getOutputStream()} and is recorded only when the response is read:
 *
 * <pre>{@code
 * ConnectionStarts.put(connection, System.nanoTime());       // connect() or getOutputStream()
 * long began = ConnectionStarts.remove(connection);          // getInputStream(): 0 when absent
 * }</pre>
 *
 * <p>Keys are held weakly and compared by identity (the JDK's connection classes do not override
 * {@code equals}): a connection the application abandons before reading its response disappears
 * with it. Values are plain {@code Long}s, so no class loader is ever reached from here. Only the
 * less common connect-first and request-body paths come here, so a lock is cheap enough.
 */
public final class ConnectionStarts {

    /** What {@link #remove} returns when no start was kept. */
    public static final long NONE = 0L;

    private static final Map<Object, Long> STARTS = new WeakHashMap<Object, Long>();

    private ConnectionStarts() {}

    public static void put(Object request, long startNanos) {
        synchronized (STARTS) {
            STARTS.put(request, startNanos);
        }
    }

    /** Returns the kept start and forgets it, or {@link #NONE}. */
    public static long remove(Object request) {
        Long start;
        synchronized (STARTS) {
            start = STARTS.remove(request);
        }
        return start == null ? NONE : start;
    }
}
