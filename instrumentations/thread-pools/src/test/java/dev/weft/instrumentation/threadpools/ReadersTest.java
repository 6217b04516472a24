package dev.weft.instrumentation.threadpools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.bootstrap.ServerThreadPools.Reader;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadersTest {

    @Test
    void jettysDefaultPoolNameLosesItsPerRunHash() {
        assertEquals("qtp", JettyServerReader.withoutHash("qtp1823493312"));
        assertEquals("qtp", JettyServerReader.withoutHash("qtp-1823493312"));
        assertEquals("qtp", JettyServerReader.withoutHash("qtp"));
        assertEquals("qtpool", JettyServerReader.withoutHash("qtpool"));
        assertEquals("jetty-server", JettyServerReader.withoutHash("jetty-server"));
        assertEquals("qtp12a", JettyServerReader.withoutHash("qtp12a"));
    }

    @Test
    void aNettyGroupIsNamedAfterTheThreadThatFoundIt() throws Exception {
        assertEquals("reactor-http-nio", nameOn("reactor-http-nio-3"));
        assertEquals("vert.x-eventloop-thread", nameOn("vert.x-eventloop-thread-0"));
        assertEquals("Object", nameOn("main"), "no numbered thread: the group's class");
    }

    private static String nameOn(String threadName) throws Exception {
        AtomicReference<String> name = new AtomicReference<>();
        Thread t = new Thread(() -> name.set(new NettyGroupReader().name(new Object())), threadName);
        t.start();
        t.join();
        return name.get();
    }

    @Test
    void aNettyGroupShowsItsLoopsAndTheTasksWaitingOnABlockedOne() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            EventLoop loop = group.next();
            loop.execute(() -> {
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                loop.execute(() -> { });
            }
            long[] figures = read(group);
            assertEquals(2, figures[Reader.THREADS]);
            assertEquals(3, figures[Reader.QUEUED]);
            assertEquals(-1, figures[Reader.BUSY]);
            assertEquals(-1, figures[Reader.LIMIT]);
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertFalse(new NettyGroupReader().read(group, new long[Reader.FIGURES]), "a group shut down");
    }

    private static long[] read(EventLoopGroup group) {
        long[] figures = {-1, -1, -1, -1};
        assertTrue(new NettyGroupReader().read(group, figures));
        return figures;
    }
}
