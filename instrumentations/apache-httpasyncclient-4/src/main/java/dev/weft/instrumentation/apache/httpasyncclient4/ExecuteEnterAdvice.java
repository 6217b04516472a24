package dev.weft.instrumentation.apache.httpasyncclient4;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpContext;

/**
 * Outermost {@code execute} on this thread: puts an {@link AsyncCall} in place of the caller's
 * callback (which may be {@code null}: the caller then waits on the future, which the client
 * completes through the same callback). A {@code null} context becomes the empty one the client
 * would create itself, so that the call can read the last response from it.
 */
public final class ExecuteEnterAdvice {

    private ExecuteEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 2, readOnly = false) HttpContext context,
                             @Advice.Argument(value = 3, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                             FutureCallback<?> callback) {
        if (CallDepth.CLIENT.enter() == 0) {
            if (context == null) {
                context = new BasicHttpContext();
            }
            callback = AsyncCall.pending(callback, context);
        }
    }
}
