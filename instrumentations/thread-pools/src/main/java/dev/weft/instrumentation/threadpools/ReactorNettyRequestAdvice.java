package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import net.bytebuddy.asm.Advice;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServerState;

/**
 * {@code HttpServer.HttpServerHandle.onStateChange(connection, REQUEST_RECEIVED)}: a request arrives
 * on the event loop of its connection, whose group serves the server's connections.
 */
public final class ReactorNettyRequestAdvice {

    private ReactorNettyRequestAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Connection connection,
                             @Advice.Argument(1) ConnectionObserver.State state) {
        if (state == HttpServerState.REQUEST_RECEIVED) {
            ServerThreadPools.serving("netty", connection.channel().eventLoop().parent());
        }
    }
}
