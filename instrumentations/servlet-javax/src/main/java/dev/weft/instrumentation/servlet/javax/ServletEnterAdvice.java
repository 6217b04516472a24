package dev.weft.instrumentation.servlet.javax;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Starts timing at the outermost {@code service}/{@code doFilter} of a request. Inner calls
 * (further filters, the servlet, forwards, includes) and the container's later ASYNC and ERROR
 * dispatches of the same request return {@link ServerRecorder#NOT_TIMED}.
 *
 * <p>One source for both namespaces: {@code servlet-jakarta} compiles this file with the servlet
 * package renamed (see its pom).
 */
public final class ServletEnterAdvice {

    private ServletEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) ServletRequest request) {
        if (CallDepth.SERVER.enter() > 0
                || !(request instanceof HttpServletRequest)
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            return ServerRecorder.NOT_TIMED;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        return Weft.server().start(http.getMethod(), http.getHeader("traceparent"));
    }
}
