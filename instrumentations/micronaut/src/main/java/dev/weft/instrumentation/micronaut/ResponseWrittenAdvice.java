package dev.weft.instrumentation.micronaut;

import net.bytebuddy.asm.Advice;

/**
 * Records a request once Micronaut is done with its response: its last part went to Netty, or, on a
 * connection that went away, the response was discarded.
 */
public final class ResponseWrittenAdvice {

    private ResponseWrittenAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object attachment) {
        MicronautConnection.written(attachment);
    }
}
