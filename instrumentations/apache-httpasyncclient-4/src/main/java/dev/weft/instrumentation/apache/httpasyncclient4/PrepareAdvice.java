package dev.weft.instrumentation.apache.httpasyncclient4;

import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;

/**
 * The client starts the exchange of the call pending on this thread: the target and the original
 * request the application gave name the method and server.
 */
public final class PrepareAdvice {

    private PrepareAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest original) {
        AsyncCall.begin(target, original);
    }
}
