package dev.weft.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The static facade woven code calls. It lives on the bootstrap class path, so advice inlined into
 * any class loader (webapp, container, platform) resolves this one class.
 *
 * <pre>{@code
 * long start = Weft.server().start(method);             // inbound, in servlet advice
 * long start = Weft.client().start(method, host, port); // outbound, in HTTP-client advice
 * }</pre>
 */
public final class Weft {

    private static volatile ServerRecorder server = ServerRecorder.NOOP;
    private static volatile ClientRecorder client = ClientRecorder.NOOP;

    private static final AtomicLong adviceErrors = new AtomicLong();
    private static volatile boolean reportAdviceErrors;

    private Weft() {}

    public static ServerRecorder server() {
        return server;
    }

    public static ClientRecorder client() {
        return client;
    }

    /** Called once by the agent at start-up. */
    public static void installServer(ServerRecorder recorder) {
        server = recorder;
    }

    /** Called once by the agent at start-up. */
    public static void installClient(ClientRecorder recorder) {
        client = recorder;
    }

    /**
     * Called by the exception handler of every advice method, in place of the exception. Advice must
     * never throw into application code, but a silent failure would hide a broken instrumentation:
     * errors are counted ({@code weft_advice_errors_total}) and the first one is printed.
     */
    public static void adviceError(Throwable error) {
        if (adviceErrors.getAndIncrement() == 0 && reportAdviceErrors) {
            System.err.println("weft: instrumentation advice failed (the request went on unrecorded;"
                    + " later failures are only counted in weft_advice_errors_total): " + error);
        }
    }

    public static long adviceErrorCount() {
        return adviceErrors.get();
    }

    /** Whether the first advice error is printed; set from WEFT_LOG_LEVEL. */
    public static void reportAdviceErrors(boolean report) {
        reportAdviceErrors = report;
    }
}
