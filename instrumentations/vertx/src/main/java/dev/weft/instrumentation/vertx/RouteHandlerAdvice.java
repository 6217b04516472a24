package dev.weft.instrumentation.vertx;

import io.vertx.ext.web.RoutingContext;
import net.bytebuddy.asm.Advice;

/** Hands the route whose handler Vert.x Web is about to run to the request's route slot. */
public final class RouteHandlerAdvice {

    private RouteHandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) RoutingContext context) {
        WebRoutes.handling(context);
    }
}
