package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/**
 * {@code HttpClient.send}: records when it returns, with the final response's status, or with the
 * exception it throws (the class the application sees; {@code send} rethrows the failure of its
 * internal future as an exception of the same kind).
 */
public final class SendExitAdvice {

    private SendExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Return HttpResponse<?> response,
                            @Advice.Thrown Throwable thrown,
                            @Advice.Local("method") String method,
                            @Advice.Local("host") String host,
                            @Advice.Local("port") int port) {
        CallDepth.CLIENT.exit();
        if (start == ClientRecorder.NOT_TIMED) {
            return;
        }
        int status = response != null ? response.statusCode() : ClientRecorder.NO_STATUS;
        Weft.client().end(start, method, host, port, status, thrown);
    }
}
