package dev.weft.instrumentation.quarkus;

import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

/** RESTEasy Reactive matched a resource method and runs its handler chain: its template is the route. */
public final class RestTargetAdvice {

    private RestTargetAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This ResteasyReactiveRequestContext context,
                            @Advice.Argument(0) RuntimeResource target,
                            @Advice.Argument(1) boolean located) {
        RestRoutes.target(context, target, located);
    }
}
