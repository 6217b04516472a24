package dev.weft.instrumentation.okhttp3;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Starts timing the outermost synchronous call on this thread; {@code HttpUrl.port()} is already the effective port. */
public final class ExecuteEnterAdvice {

    private ExecuteEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This Call call) {
        if (CallDepth.CLIENT.enter() > 0) {
            return ClientRecorder.NOT_TIMED;
        }
        Request request = call.request();
        HttpUrl url = request.url();
        return Weft.client().start(request.method(), url.host(), url.port());
    }
}
