package dev.weft.instrumentation.jetty.client9;

import dev.weft.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.client.HttpConversation;
import org.eclipse.jetty.client.HttpRequest;

/**
 * The outermost client call on this thread: times the request if the application sent it. The
 * conversation is read from its field: {@code getConversation()} is protected in early 9.4 releases (9.4.0).
 */
public final class SendEnterAdvice {

    private SendEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static JettyCall enter(@Advice.This HttpRequest request,
                                  @Advice.FieldValue("conversation") HttpConversation conversation) {
        if (CallDepth.CLIENT.enter() > 0) {
            return null;
        }
        return JettyCall.begin(request, conversation);
    }
}
