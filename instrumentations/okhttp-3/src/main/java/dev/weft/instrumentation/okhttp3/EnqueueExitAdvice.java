package dev.weft.instrumentation.okhttp3;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import okhttp3.Callback;

/**
 * Leaves the synchronous part of {@code enqueue}. If {@code enqueue} itself threw (the call was
 * already executed), OkHttp will never call back: the call is recorded as failed now.
 */
public final class EnqueueExitAdvice {

    private EnqueueExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Callback callback, @Advice.Thrown Throwable thrown) {
        CallDepth.CLIENT.exit();
        if (thrown != null && callback instanceof OkHttpCallback) {
            ((OkHttpCallback) callback).notEnqueued(thrown);
        }
    }
}
