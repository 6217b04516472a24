package dev.weft.instrumentation.springwebflux;

import dev.weft.bootstrap.RouteSlot;
import io.netty.util.AttributeKey;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hands the pattern WebFlux matched (a {@code PathPattern}, whose {@code toString} is the pattern
 * text) to the Reactor Netty request's route slot, with the context path it is relative to.
 */
public final class HandlerAdvice {

    private HandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ServerWebExchange exchange) {
        Object pattern = exchange.getAttributes().get("org.springframework.web.reactive.HandlerMapping.bestMatchingPattern");
        if (pattern == null) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest instanceof reactor.netty.Connection) {
            Object slot = ((reactor.netty.Connection) nativeRequest).channel()
                    .attr(AttributeKey.valueOf(RouteSlot.NETTY_ATTRIBUTE)).get();
            if (slot instanceof RouteSlot) {
                ((RouteSlot) slot).matched(request.getPath().contextPath().value(), pattern.toString());
            }
        }
    }
}
