package dev.weft.instrumentation.apache.httpclient5;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Starts timing the outermost client call on this thread. The server is the target the client was
 * given, else the request's authority; its port is the scheme's default when the URL names none.
 */
public final class ClassicEnterAdvice {

    private ClassicEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) HttpHost target,
                             @Advice.Argument(1) ClassicHttpRequest request,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0) {
            return ClientRecorder.NOT_TIMED;
        }
        String scheme;
        if (target != null) {
            host = target.getHostName();
            port = target.getPort();
            scheme = target.getSchemeName();
        } else {
            URIAuthority authority = request.getAuthority();
            host = authority != null ? authority.getHostName() : null;
            port = authority != null ? authority.getPort() : -1;
            scheme = request.getScheme();
        }
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        method = request.getMethod();
        return Weft.client().start(method, host, port);
    }
}
