package dev.weft.instrumentation.quarkus;

import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/** Keeps the exception RESTEasy Reactive is about to map to a response. */
public final class RestExceptionAdvice {

    private RestExceptionAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Throwable error,
                             @Advice.Argument(1) ResteasyReactiveRequestContext context) {
        RestRoutes.failed(context, error);
    }
}
