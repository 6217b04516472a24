package dev.weft.instrumentation.apache.httpclient4;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import java.net.URI;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * Starts timing the outermost client call on this thread. The server is the target the client was
 * given (or derived from the request's absolute URI); its port is the scheme's default when the URL
 * names none.
 */
public final class DoExecuteEnterAdvice {

    private DoExecuteEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) HttpHost target,
                             @Advice.Argument(1) HttpRequest request,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0) {
            return ClientRecorder.NOT_TIMED;
        }
        String scheme = null;
        if (target != null) {
            host = target.getHostName();
            port = target.getPort();
            scheme = target.getSchemeName();
        } else if (request instanceof HttpUriRequest) {
            URI uri = ((HttpUriRequest) request).getURI();
            host = uri.getHost();
            port = uri.getPort();
            scheme = uri.getScheme();
        } else {
            port = -1;
        }
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        // getRequestLine() of the usual requests builds a new line and URI string; getMethod() reads a field
        method = request instanceof HttpUriRequest
                ? ((HttpUriRequest) request).getMethod() : request.getRequestLine().getMethod();
        return Weft.client().start(method, host, port);
    }
}
