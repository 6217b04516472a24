package dev.weft.instrumentation.okhttp3;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Starts timing an enqueued call and puts an {@link OkHttpCallback} in place of the caller's callback. */
public final class EnqueueEnterAdvice {

    private EnqueueEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Call call,
                             @Advice.Argument(value = 0, readOnly = false) Callback callback) {
        if (CallDepth.CLIENT.enter() > 0 || callback == null) {
            return;
        }
        Request request = call.request();
        HttpUrl url = request.url();
        long start = Weft.client().start(request.method(), url.host(), url.port());
        if (start != ClientRecorder.NOT_TIMED) {
            callback = new OkHttpCallback(callback, start, request.method(), url.host(), url.port());
        }
    }
}
