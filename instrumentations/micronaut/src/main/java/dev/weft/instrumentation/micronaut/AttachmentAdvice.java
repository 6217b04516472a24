package dev.weft.instrumentation.micronaut;

import net.bytebuddy.asm.Advice;

/**
 * Links Micronaut's request object to the request being timed as Micronaut attaches it to the
 * request's {@code OutboundAccess}, before routing: a request cancelled before its response still
 * finds the route Micronaut matched for it.
 */
public final class AttachmentAdvice {

    private AttachmentAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object outboundAccess, @Advice.Argument(0) Object attachment) {
        MicronautConnection.attached(outboundAccess, attachment);
    }
}
