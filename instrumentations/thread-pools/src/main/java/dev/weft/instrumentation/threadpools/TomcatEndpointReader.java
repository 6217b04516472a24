package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import java.util.Collection;

/**
 * Reads a Tomcat connector's pool through its {@code AbstractEndpoint}: the figures of Tomcat's
 * {@code ThreadPool} MBean ({@code currentThreadsBusy}, {@code maxThreads}, {@code currentThreadCount}),
 * which cover the connector's own executor and a shared {@code <Executor>} alike, and the length of
 * the executor's queue. The name is the endpoint's ({@code http-nio-127.0.0.1-8080}), as Tomcat names
 * the MBean and the threads ({@code http-nio-8080-exec-1}): one per connector, stable across restarts.
 * A connector on virtual threads has no busy count or limit; only what it has is shown.
 */
final class TomcatEndpointReader extends ServerThreadPools.Reader {

    @Override
    public String name(Object endpoint) {
        try {
            Object name = Getters.get(endpoint, "getName");
            return name == null ? null : name.toString();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public boolean read(Object endpoint, long[] figures) {
        try {
            Object executor = Getters.get(endpoint, "getExecutor");
            if (!Boolean.TRUE.equals(Getters.get(endpoint, "isRunning")) || executor == null) {
                return false;
            }
            figures[BUSY] = Getters.number(endpoint, "getCurrentThreadsBusy");
            figures[THREADS] = Getters.number(endpoint, "getCurrentThreadCount");
            long limit = Getters.number(endpoint, "getMaxThreads"); // -1 with a shared executor
            if (limit < 0) {
                limit = Getters.number(executor, "getMaxThreads"); // StandardThreadExecutor
            }
            if (limit < 0) {
                limit = Getters.number(executor, "getMaximumPoolSize");
            }
            figures[LIMIT] = limit;
            Object queue = Getters.get(executor, "getQueue");
            figures[QUEUED] = queue instanceof Collection ? ((Collection<?>) queue).size()
                    : Getters.number(executor, "getQueueSize");
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
