package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import net.bytebuddy.asm.Advice;

/**
 * {@code Server.doStart()} and {@code Server.handle(...)}: the server starts, or handles a request. The
 * server is handed over rather than its pool, which an application may replace before the start.
 */
public final class JettyServerAdvice {

    private JettyServerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object server) {
        ServerThreadPools.serving("jetty", server);
    }
}
