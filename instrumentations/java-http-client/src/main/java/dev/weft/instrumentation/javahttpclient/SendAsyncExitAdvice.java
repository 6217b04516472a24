package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.AsyncClientCall;
import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * {@code HttpClient.sendAsync}, called by the application: the call is recorded when the future it
 * returns completes, by an {@link AsyncClientCall} attached to that very future, so a cancellation
 * by the application records too. Inside {@code send} (or another {@code sendAsync} overload) this
 * advice does nothing: the outer call records.
 */
public final class SendAsyncExitAdvice {

    private SendAsyncExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Return CompletableFuture<?> future,
                            @Advice.Thrown Throwable thrown,
                            @Advice.Local("method") String method,
                            @Advice.Local("host") String host,
                            @Advice.Local("port") int port) {
        CallDepth.CLIENT.exit();
        if (start == ClientRecorder.NOT_TIMED) {
            return;
        }
        if (future == null) {
            Weft.client().end(start, method, host, port, ClientRecorder.NO_STATUS, thrown);
            return;
        }
        future.whenComplete(new AsyncClientCall(start, method, host, port));
    }
}
