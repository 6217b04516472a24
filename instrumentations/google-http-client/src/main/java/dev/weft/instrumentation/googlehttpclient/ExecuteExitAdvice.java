package dev.weft.instrumentation.googlehttpclient;

import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;

/**
 * Records the call when {@code execute} returns the final response or throws. By default the client
 * throws {@code HttpResponseException} for a final status outside 2xx: that status is recorded.
 */
public final class ExecuteExitAdvice {

    private ExecuteExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Return HttpResponse response,
                            @Advice.Thrown Throwable thrown,
                            @Advice.Local("method") String method,
                            @Advice.Local("host") String host,
                            @Advice.Local("port") int port) {
        CallDepth.CLIENT.exit();
        if (start == ClientRecorder.NOT_TIMED) {
            return;
        }
        int status = response != null ? response.getStatusCode()
                : thrown instanceof HttpResponseException ? ((HttpResponseException) thrown).getStatusCode()
                : ClientRecorder.NO_STATUS;
        Weft.client().end(start, method, host, port, status, thrown);
    }
}
