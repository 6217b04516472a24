package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import net.bytebuddy.asm.Advice;

/**
 * {@code AbstractEndpoint.start()} and {@code processSocket(...)}: the connector starts, or hands its
 * executor a socket to process. The endpoint owns the pool and knows its figures.
 */
public final class TomcatEndpointAdvice {

    private TomcatEndpointAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object endpoint) {
        ServerThreadPools.serving("tomcat", endpoint);
    }
}
