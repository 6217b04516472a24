package dev.weft.instrumentation.vertx;

import io.vertx.ext.web.RoutingContext;
import net.bytebuddy.asm.Advice;

/** Keeps the exception a handler failed the routing with: the {@code error_type} if the answer is a 5xx. */
public final class RoutingFailureAdvice {

    private RoutingFailureAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This RoutingContext context, @Advice.Argument(1) Throwable failure) {
        WebRoutes.failed(context, failure);
    }
}
