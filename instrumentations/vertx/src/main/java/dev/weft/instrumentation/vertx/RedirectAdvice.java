package dev.weft.instrumentation.vertx;

import dev.weft.bootstrap.CallDepth;
import io.vertx.core.http.HttpClientResponse;
import net.bytebuddy.asm.Advice;

/**
 * While the client asks its redirect handler for the next request of a redirect it follows, marks
 * the thread as inside a client call: that request is part of the one redirected, not a new call.
 * Only then: otherwise the response is handed to the application here, whose own calls count.
 */
public final class RedirectAdvice {

    private RedirectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.Argument(1) HttpClientResponse response,
                                @Advice.FieldValue("followRedirects") boolean followRedirects,
                                @Advice.FieldValue("numberOfRedirections") int redirections,
                                @Advice.FieldValue("maxRedirects") int maxRedirects,
                                @Advice.FieldValue("redirectHandler") Object redirectHandler) {
        int status = response.statusCode();
        if (followRedirects && redirections < maxRedirects && status >= 300 && status < 400 && redirectHandler != null) {
            CallDepth.CLIENT.enter();
            return true;
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean redirecting) {
        if (redirecting) {
            CallDepth.CLIENT.exit();
        }
    }
}
