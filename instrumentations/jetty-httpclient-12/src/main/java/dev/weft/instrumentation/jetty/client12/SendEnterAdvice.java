package dev.weft.instrumentation.jetty.client12;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.client.transport.HttpRequest;

/** The outermost client call on this thread: times the request if the application sent it. */
public final class SendEnterAdvice {

    private SendEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static JettyCall enter(@Advice.This HttpRequest request) {
        if (CallDepth.CLIENT.enter() > 0) {
            return null;
        }
        return JettyCall.begin(request);
    }
}
