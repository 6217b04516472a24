package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.net.URI;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Starts timing the outermost {@code HttpClient.send} or {@code sendAsync} of a thread; the
 * request's method, host and port are kept in advice locals for {@link SendExitAdvice} and
 * {@link SendAsyncExitAdvice}. A call inside another (send runs on sendAsync) is not timed.
 */
public final class SendEnterAdvice {

    private SendEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) HttpRequest request,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0 || request == null) {
            return ClientRecorder.NOT_TIMED;
        }
        URI uri = request.uri();
        method = request.method();
        host = uri.getHost();
        port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return Weft.client().start(method, host, port);
    }
}
