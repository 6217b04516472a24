package dev.weft.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where woven server code names the thread pool (or event-loop group) that serves its requests, so
 * that the agent can show how busy it is. Advice hands over the object that owns the pool, at the
 * server's start and where the server hands work to the pool; the agent keeps it weakly and reads it
 * at scrape time through the {@link Reader} of its kind, which the instrumentation installs:
 *
 * <pre>{@code
 * ServerThreadPools.serving("tomcat", this);   // in AbstractEndpoint.processSocket, on enter
 * ServerThreadPools.installReader("tomcat", new TomcatEndpointReader());  // by the module, at start
 * }</pre>
 *
 * <p>{@link #serving} is called for every unit of work the server dispatches: the agent's
 * {@link Registry} answers a pool it knows with an identity check, without locking or allocating.
 */
public final class ServerThreadPools {

    /** Remembers the pools it is handed; the agent installs one at start-up. */
    public interface Registry {
        /** The server is handing work to {@code pool} (never null), of the given kind; called often. */
        void serving(String kind, Object pool);
    }

    /**
     * Reads one kind of pool through the server's own public getters. Implementations never throw
     * into the server: {@link #name} runs on the server's thread, {@link #read} on the scraping one.
     */
    public abstract static class Reader {
        /** Index in {@link #read}'s array: threads running a task (Jetty: and its acceptors and selectors). */
        public static final int BUSY = 0;
        /** Index in {@link #read}'s array: the most threads the pool will start. */
        public static final int LIMIT = 1;
        /** Index in {@link #read}'s array: threads (or event loops) the pool has now. */
        public static final int THREADS = 2;
        /** Index in {@link #read}'s array: tasks waiting for a thread (or in event-loop queues). */
        public static final int QUEUED = 3;
        /** The length of {@link #read}'s array. */
        public static final int FIGURES = 4;

        /** The pool's name, bounded and stable for its life; asked once, on the thread that first named it. */
        public abstract String name(Object pool);

        /**
         * Fills {@code figures} (indexed by {@link #BUSY} and its neighbours) with the pool's figures,
         * -1 for those it does not have; false when the pool no longer runs (its server stopped).
         */
        public abstract boolean read(Object pool, long[] figures);
    }

    private static final Registry NOOP = new Registry() {
        @Override
        public void serving(String kind, Object pool) {}
    };

    private static volatile Registry registry = NOOP;
    private static final ConcurrentHashMap<String, Reader> READERS = new ConcurrentHashMap<String, Reader>();

    private ServerThreadPools() {}

    /** Called by woven code: the server hands work to {@code pool}. */
    public static void serving(String kind, Object pool) {
        if (pool != null) {
            registry.serving(kind, pool);
        }
    }

    /** Called once by the agent at start-up (null: nothing is remembered). */
    public static void install(Registry installed) {
        registry = installed == null ? NOOP : installed;
    }

    /** Called by the instrumentation that weaves {@link #serving} calls for this kind of pool. */
    public static void installReader(String kind, Reader reader) {
        READERS.put(kind, reader);
    }

    /** The reader of a kind of pool, or null when no instrumentation installed one. */
    public static Reader reader(String kind) {
        return READERS.get(kind);
    }
}
