package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;

/**
 * Reads an XNIO worker, the pool Undertow runs blocking handlers and servlets on, through its
 * management bean ({@code XnioWorker.getMXBean()}, the figures XNIO publishes over JMX when asked):
 * busy worker threads, the most it will start, the threads it has and its task queue. The name is
 * the worker's ({@code XNIO-1} unless the application named it; WildFly's is {@code default}).
 */
final class XnioWorkerReader extends ServerThreadPools.Reader {

    @Override
    public String name(Object worker) {
        try {
            Object name = Getters.get(worker, "getName");
            return name == null ? null : name.toString();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public boolean read(Object worker, long[] figures) {
        try {
            if (Boolean.TRUE.equals(Getters.get(worker, "isShutdown"))) {
                return false;
            }
            Object bean = Getters.get(worker, "getMXBean");
            if (bean == null) {
                return false;
            }
            figures[BUSY] = Getters.number(bean, "getBusyWorkerThreadCount");
            figures[LIMIT] = Getters.number(bean, "getMaxWorkerPoolSize");
            figures[THREADS] = Getters.number(bean, "getWorkerPoolSize");
            figures[QUEUED] = Getters.number(bean, "getWorkerQueueSize");
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
