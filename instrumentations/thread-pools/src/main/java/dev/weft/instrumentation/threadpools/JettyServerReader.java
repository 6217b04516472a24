package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;

/**
 * Reads a Jetty {@code Server}'s thread pool ({@code QueuedThreadPool} unless the application set
 * another) with the getters Jetty's own MBean shows: {@code busyThreads}, {@code maxThreads},
 * {@code threads}, {@code queueSize}. Jetty runs its acceptors and selectors on the same pool, so
 * they count as busy threads, as in Jetty's figures: an idle server with one acceptor and one selector
 * shows 2.
 *
 * <p>The name is the pool's, except that Jetty's default, {@code "qtp" + hashCode()}, differs on every
 * start and would be a new series each time: it is shown as {@code qtp}.
 */
final class JettyServerReader extends ServerThreadPools.Reader {

    @Override
    public String name(Object server) {
        try {
            Object name = Getters.get(Getters.get(server, "getThreadPool"), "getName");
            return name == null ? null : withoutHash(name.toString());
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code qtp1234567} (and {@code qtp-1234567}) is {@code qtp}; other names are kept. */
    static String withoutHash(String name) {
        if (!name.startsWith("qtp") || name.length() == 3) {
            return name;
        }
        for (int i = 3; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 3 && c == '-')) {
                return name;
            }
        }
        return "qtp";
    }

    @Override
    public boolean read(Object server, long[] figures) {
        try {
            Object pool = Getters.get(server, "getThreadPool");
            Object running = Getters.get(pool, "isRunning");
            if (pool == null || Boolean.FALSE.equals(running)
                    || (running == null && !Boolean.TRUE.equals(Getters.get(server, "isRunning")))) {
                return false;
            }
            figures[BUSY] = Getters.number(pool, "getBusyThreads");
            figures[LIMIT] = Getters.number(pool, "getMaxThreads");
            figures[THREADS] = Getters.number(pool, "getThreads");
            figures[QUEUED] = Getters.number(pool, "getQueueSize");
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
