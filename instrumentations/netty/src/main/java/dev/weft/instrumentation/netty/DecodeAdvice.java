package dev.weft.instrumentation.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** Starts timing each request head a server's request decoder emits; response decoders are left alone. */
public final class DecodeAdvice {

    private DecodeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.This Object decoder, @Advice.Argument(2) List<Object> out) {
        return decoder instanceof HttpRequestDecoder ? out.size() : -1;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int before, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Argument(2) List<Object> out) {
        if (before >= 0 && out.size() > before) {
            NettyConnection.decoded(ctx, out, before);
        }
    }
}
