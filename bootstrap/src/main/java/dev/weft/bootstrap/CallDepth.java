package dev.weft.bootstrap;

/**
 * Counts, per thread, how deep we are inside instrumented calls of one kind, so that a request
 * passing through several filters, servlets, forwards and includes is recorded once, by the
 * outermost call.
 *
 * <p>Usage in advice: {@code if (CallDepth.SERVER.enter() > 0) ...} on enter and
 * {@code CallDepth.SERVER.exit()} on every exit. The per-thread state is a one-element
 * {@code int[]}: a JDK type, so no application class loader is kept alive through it.
 */
public final class CallDepth {

    /** Inbound HTTP: servlet {@code service} and filter {@code doFilter}. */
    public static final CallDepth SERVER = new CallDepth();

    /**
     * Outbound HTTP, shared by every client library: a client built on another (a JAX-RS client on
     * HttpURLConnection, RestTemplate on Apache HttpClient) records only the outermost call.
     */
    public static final CallDepth CLIENT = new CallDepth();

    private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private CallDepth() {}

    /** Returns the depth before this call: 0 for the outermost one. */
    public int enter() {
        return depth.get()[0]++;
    }

    /**
     * Whether this thread is inside such a call now. Framework advice that reports to the recorder
     * ({@code frameworkParent}) asks first: outside a timed request nothing would ever read or reset
     * what it reports.
     */
    public boolean inside() {
        return depth.get()[0] > 0;
    }

    public void exit() {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]--;
        }
    }
}
