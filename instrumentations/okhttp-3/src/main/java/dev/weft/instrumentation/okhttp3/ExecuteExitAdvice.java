package dev.weft.instrumentation.okhttp3;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/** Records the call when {@code execute} returns the final response (headers read) or throws. */
public final class ExecuteExitAdvice {

    private ExecuteExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Call call,
                            @Advice.Enter long start,
                            @Advice.Return Response response,
                            @Advice.Thrown Throwable thrown) {
        CallDepth.CLIENT.exit();
        if (start == ClientRecorder.NOT_TIMED) {
            return;
        }
        Request request = call.request();
        HttpUrl url = request.url();
        Weft.client().end(start, request.method(), url.host(), url.port(),
                response != null ? response.code() : ClientRecorder.NO_STATUS, thrown);
    }
}
