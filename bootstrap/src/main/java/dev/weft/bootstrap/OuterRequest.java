package dev.weft.bootstrap;

/**
 * A request that a server's own instrumentation (Undertow core, the JDK HttpServer, Helidon) is
 * timing while this thread runs its handlers. Such a server may host a layer that times requests
 * itself: a servlet deployment on Undertow, Jersey on the JDK HttpServer or in Helidon MP. When that layer starts its own
 * observation on this thread ({@link ServerRecorder#start}), the recorder calls {@link #yieldCurrent},
 * and the server's observation steps aside: the inner layer knows the route and the outcome better,
 * and the request is counted once.
 *
 * <pre>{@code
 * Object previous = OuterRequest.enter(observation); // advice, as the server runs its handlers
 * ...
 * OuterRequest.exit(previous);
 * }</pre>
 *
 * It lives on the boot class path because the inner layer's classes may sit in another class loader
 * than the server's (WildFly's servlet and core Undertow modules), and only these classes are
 * visible to both. The per-thread value is set only while handlers run, so no application class
 * loader is kept alive through it.
 */
public abstract class OuterRequest {

    /** What {@link #enter} callers pass to {@link #exit} when they entered nothing. */
    public static final Object NOT_ENTERED = new Object();

    private static final ThreadLocal<OuterRequest> CURRENT = new ThreadLocal<OuterRequest>();

    /** Makes {@code request} this thread's current one; returns the previous one (or null) for {@link #exit}. */
    public static Object enter(OuterRequest request) {
        OuterRequest previous = CURRENT.get();
        CURRENT.set(request);
        return previous;
    }

    /** Restores what {@link #enter} returned. */
    public static void exit(Object previous) {
        if (previous == NOT_ENTERED) {
            return;
        }
        if (previous instanceof OuterRequest) {
            CURRENT.set((OuterRequest) previous);
        } else {
            CURRENT.remove();
        }
    }

    /** The request this thread is running handlers for, or null. */
    public static OuterRequest current() {
        return CURRENT.get();
    }

    /**
     * Called by the recorder as an inner layer starts timing on this thread: the current request
     * steps aside. Returns its method the first time (the recorder then counts it inactive, since
     * it will never end), else null.
     */
    public static String yieldCurrent() {
        OuterRequest request = CURRENT.get();
        return request == null ? null : request.yieldToInner();
    }

    /**
     * Marks this request as recorded by an inner layer; returns its method the first time, null after
     * (or when it already ended). After that its own end records nothing.
     */
    protected abstract String yieldToInner();
}
