package dev.weft.instrumentation.apache.httpclient5;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpResponse;

/** Records the call when the outermost {@code doExecute} returns the final response or throws. */
public final class ClassicExitAdvice {

    private ClassicExitAdvice() {}

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
        int status = response != null ? response.getCode() : ClientRecorder.NO_STATUS;
        Weft.client().end(start, method, host, port, status, thrown);
    }
}
