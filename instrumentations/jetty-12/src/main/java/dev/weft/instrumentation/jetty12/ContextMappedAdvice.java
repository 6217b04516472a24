package dev.weft.instrumentation.jetty12;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * {@code ContextHandler.handle} returned true: this context took the request (its security handler,
 * its servlets or its own answer for a protected path ran inside the call).
 */
public final class ContextMappedAdvice {

    private ContextMappedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This ContextHandler context,
                            @Advice.Argument(0) Request request,
                            @Advice.Return boolean handled) {
        if (handled) {
            String contextPath = context.getContextPath();
            Weft.server().containerMapped("/".equals(contextPath) ? "" : contextPath,
                    context.getContext().getPathInContext(request.getHttpURI().getCanonicalPath()));
        }
    }
}
