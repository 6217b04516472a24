package dev.weft.instrumentation.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import net.bytebuddy.asm.Advice;

/**
 * Hands a server response's head and last part to the connection's timing as the response encoder
 * takes them; request encoders (clients) are left alone.
 */
public final class EncodeAdvice {

    private EncodeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object encoder, @Advice.Argument(0) ChannelHandlerContext ctx,
                             @Advice.Argument(1) Object message) {
        if (encoder instanceof HttpResponseEncoder
                && (message instanceof HttpResponse || message instanceof LastHttpContent)) {
            NettyConnection.encoding(ctx, message);
        }
    }
}
