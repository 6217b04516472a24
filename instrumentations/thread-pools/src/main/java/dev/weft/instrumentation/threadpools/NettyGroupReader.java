package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import java.lang.reflect.Method;

/**
 * Reads a Netty event-loop group: how many event loops it has and how many tasks wait in their
 * queues ({@code pendingTasks()}, summed). An event loop is always running, so busy threads and a
 * limit would say nothing; a growing queue is what shows a loop that is blocked or overloaded.
 *
 * <p>The group has no name of its own; it is named after its threads, as the thread that first
 * hands it a request is called ({@code reactor-http-nio-3} gives {@code reactor-http-nio}).
 *
 * <p>{@code pendingTasks()} is called only where Netty's {@code SingleThreadEventExecutor} or
 * {@code SingleThreadEventLoop} implements it, which read the queue's size: old Netty 4.1 releases
 * had {@code NioEventLoop} ask its own thread instead, which would make a scrape wait for a busy loop.
 */
final class NettyGroupReader extends ServerThreadPools.Reader {

    @Override
    public String name(Object group) {
        String thread = Thread.currentThread().getName();
        int end = thread.length();
        while (end > 0 && Character.isDigit(thread.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && end < thread.length() && (thread.charAt(end - 1) == '-' || thread.charAt(end - 1) == '_')) {
            return thread.substring(0, end - 1);
        }
        return group.getClass().getSimpleName();
    }

    @Override
    public boolean read(Object group, long[] figures) {
        try {
            if (!(group instanceof Iterable) || Boolean.TRUE.equals(Getters.get(group, "isShuttingDown"))) {
                return false;
            }
            long loops = 0;
            long pending = 0;
            for (Object loop : (Iterable<?>) group) {
                loops++;
                long tasks = pendingTasks(loop);
                pending = pending < 0 || tasks < 0 ? -1 : pending + tasks;
            }
            figures[THREADS] = loops;
            figures[QUEUED] = pending;
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static long pendingTasks(Object loop) throws Exception {
        Method method = Getters.method(loop.getClass(), "pendingTasks");
        if (method == null) {
            return -1;
        }
        String declaredBy = method.getDeclaringClass().getName();
        if (!declaredBy.equals("io.netty.util.concurrent.SingleThreadEventExecutor")
                && !declaredBy.equals("io.netty.channel.SingleThreadEventLoop")) {
            return -1;
        }
        Object tasks = method.invoke(loop);
        return tasks instanceof Number ? ((Number) tasks).longValue() : -1;
    }
}
