package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.AsyncClientCall;
import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * {@code HttpClient.sendAsync}, called by the application: the call is recorded when the future it
 * returns completes, by an {@link AsyncClientCall} attached to that very future, so a cancellation
 * by the application records too. Inside {@code send} (or another {@code sendAsync} overload) this
 * advice does nothing: the outer call records.
 */
public final class SendAsyncAdvice {

    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) HttpRequest request,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0 || request == null) {
            return ClientRecorder.NOT_TIMED;
        }
        URI uri = request.uri();
        method = request.method();
        host = uri.getHost();
        port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return Weft.client().start(method, host, port);
    }

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
