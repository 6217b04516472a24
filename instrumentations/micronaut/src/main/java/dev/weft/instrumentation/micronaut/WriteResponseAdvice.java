package dev.weft.instrumentation.micronaut;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Notes the response Micronaut is about to write for a request (or the error it turns into a 500),
 * with the route it matched.
 */
public final class WriteResponseAdvice {

    private WriteResponseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object outboundAccess, @Advice.Argument(1) NettyHttpRequest<?> request,
                             @Advice.Argument(2) HttpResponse<?> response, @Advice.Argument(3) Throwable error) {
        MicronautConnection.responding(outboundAccess, request, response, error);
    }
}
