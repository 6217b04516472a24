package dev.weft.instrumentation.apache.httpclient5;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;

/** Ends the synchronous part of an async {@code doExecute}; the call itself is recorded by its {@link AsyncCall}. */
public final class AsyncExitAdvice {

    private AsyncExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        CallDepth.CLIENT.exit();
        AsyncCall.noLongerPending();
    }
}
