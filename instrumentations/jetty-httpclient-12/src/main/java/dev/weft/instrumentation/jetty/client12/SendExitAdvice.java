package dev.weft.instrumentation.jetty.client12;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;

/**
 * Leaves {@code send}; the request itself is recorded by its {@link JettyCall}. If {@code send}
 * threw (an unsupported scheme, a stopped client), Jetty will not complete it: it is recorded now.
 */
public final class SendExitAdvice {

    private SendExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter JettyCall call, @Advice.Thrown Throwable thrown) {
        CallDepth.CLIENT.exit();
        if (call != null && thrown != null) {
            call.notSent(thrown);
        }
    }
}
