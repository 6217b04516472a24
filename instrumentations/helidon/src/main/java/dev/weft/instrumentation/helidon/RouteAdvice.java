package dev.weft.instrumentation.helidon;

import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import net.bytebuddy.asm.Advice;

/** {@code HttpRoutingImpl.route}: one request, from its routing to its sent response. */
public final class RouteAdvice {

    private RouteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(1) RoutingRequest request) {
        return HelidonRequest.enter(request);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object previous,
                            @Advice.Argument(1) RoutingRequest request,
                            @Advice.Argument(2) RoutingResponse response,
                            @Advice.Thrown Throwable thrown) {
        HelidonRequest.exit(previous, request, response, thrown);
    }
}
