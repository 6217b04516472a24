package dev.weft.instrumentation.googlehttpclient;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;

/**
 * Starts timing the outermost client call on this thread. Method, host and port are read now: a
 * redirect the client follows changes the request's URL (and, for a 303, its method).
 */
public final class ExecuteEnterAdvice {

    private ExecuteEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This HttpRequest request,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0) {
            return ClientRecorder.NOT_TIMED;
        }
        GenericUrl url = request.getUrl();
        method = request.getRequestMethod();
        host = url.getHost();
        port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return Weft.client().start(method, host, port);
    }
}
