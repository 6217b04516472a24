package dev.weft.instrumentation.helidon;

import net.bytebuddy.asm.Advice;

/**
 * {@code ErrorHandlers.handleError} and {@code unhandledError}: Helidon answers an exception a
 * handler or filter threw (with the application's error handler, or a 500 of its own).
 */
public final class HandledErrorAdvice {

    private HandledErrorAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(3) Throwable error) {
        HelidonRequest.handled(error);
    }
}
