package dev.weft.instrumentation.apache.httpclient5;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * Outermost async {@code doExecute} on this thread: puts an {@link AsyncCall} in place of the
 * caller's callback (which may be {@code null}: the caller then waits on the future, which the
 * client completes through the same callback).
 */
public final class AsyncEnterAdvice {

    private AsyncEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 5, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                             FutureCallback<?> callback) {
        if (CallDepth.CLIENT.enter() == 0) {
            callback = AsyncCall.pending(callback);
        }
    }
}
