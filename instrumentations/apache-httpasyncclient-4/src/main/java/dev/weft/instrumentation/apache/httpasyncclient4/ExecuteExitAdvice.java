package dev.weft.instrumentation.apache.httpasyncclient4;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;

/** Ends the synchronous part of {@code execute}; the call itself is recorded by its {@link AsyncCall}. */
public final class ExecuteExitAdvice {

    private ExecuteExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        CallDepth.CLIENT.exit();
        AsyncCall.noLongerPending();
    }
}
