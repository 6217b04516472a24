package dev.weft.instrumentation.reactornetty;

import java.util.function.BiFunction;
import net.bytebuddy.asm.Advice;

/** Puts a {@link RecordingHandler} around the request handler an {@code HttpServer} is given. */
public final class HandleAdvice {

    private HandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void enter(@Advice.Argument(value = 0, readOnly = false) BiFunction handler) {
        handler = RecordingHandler.wrap(handler);
    }
}
