package dev.weft.bootstrap;

/**
 * What outbound-HTTP advice reports to. The agent installs the real implementation with
 * {@link Weft#installClient}; until then (and when the agent is disabled) calls go to {@link #NOOP}.
 *
 * <pre>{@code
 * if (CallDepth.CLIENT.enter() == 0) {
 *     start = Weft.client().start("GET", "api.example.com", 443);
 * }
 * ...
 * CallDepth.CLIENT.exit();
 * Weft.client().end(start, "GET", "api.example.com", 443, 200, null);
 * }</pre>
 *
 * Advice passes the server's host and effective port (80 or 443 when the URL has none) and never
 * the path or query: those are unbounded.
 */
public interface ClientRecorder {

    /** What {@link #start} returns for a call it does not time; advice then skips {@link #end}. */
    long NOT_TIMED = 0L;

    /** The status to pass when no response arrived (connection refused, reset, timeout). */
    int NO_STATUS = 0;

    ClientRecorder NOOP = new ClientRecorder() {
        @Override
        public long start(String method, String host, int port) {
            return NOT_TIMED;
        }

        @Override
        public void end(long startNanos, String method, String host, int port, int status, Throwable error) {}
    };

    /**
     * Counts a call as active and returns its start time from {@link System#nanoTime()}, or
     * {@link #NOT_TIMED} before the agent's registry is ready.
     */
    long start(String method, String host, int port);

    /**
     * Records a finished call and counts it inactive.
     *
     * @param status the response status, or {@link #NO_STATUS} when none arrived
     * @param error the exception that ended the call, or {@code null}
     */
    void end(long startNanos, String method, String host, int port, int status, Throwable error);
}
