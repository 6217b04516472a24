package dev.weft.instrumentation.apache.httpclient4;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpResponse;

/** Records the call when the outermost {@code doExecute} returns the final response or throws. */
public final class DoExecuteExitAdvice {

    private DoExecuteExitAdvice() {}

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
        int status = response != null && response.getStatusLine() != null
                ? response.getStatusLine().getStatusCode() : ClientRecorder.NO_STATUS;
        Weft.client().end(start, method, host, port, status, thrown);
    }
}
