package dev.weft.instrumentation.apache.httpclient5;

import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;

/**
 * The client built the exchange of the call pending on this thread: its original request and route
 * name the method and server. Scopes made later for redirects and retries run on I/O threads, where
 * no call is pending. (Exit advice on a constructor cannot use {@code onThrowable}: there is no
 * object to speak of when a constructor throws.)
 */
public final class AsyncScopeAdvice {

    private AsyncScopeAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This AsyncExecChain.Scope scope) {
        AsyncCall.begin(scope.originalRequest, scope.route, scope.clientContext);
    }
}
