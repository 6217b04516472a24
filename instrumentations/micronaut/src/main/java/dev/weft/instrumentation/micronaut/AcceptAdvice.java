package dev.weft.instrumentation.micronaut;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/** Starts timing a request as Micronaut's Netty server hands it to its router. */
public final class AcceptAdvice {

    private AcceptAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) HttpRequest request,
                             @Advice.Argument(3) Object outboundAccess) {
        MicronautConnection.accepted(ctx, request, outboundAccess);
    }
}
