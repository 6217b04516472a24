package dev.weft.instrumentation.tomcat;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.apache.catalina.connector.Request;

/**
 * {@code CoyoteAdapter.postParseRequest}: Tomcat has mapped the request to a context and a servlet
 * path. Read now, because the request is recycled before {@code service} returns.
 */
public final class MappedAdvice {

    private MappedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(1) Request request) {
        if (request.getContext() == null) {
            return;
        }
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        Weft.server().containerMapped(request.getContextPath(),
                pathInfo == null ? (servletPath == null ? "" : servletPath)
                        : (servletPath == null ? pathInfo : servletPath + pathInfo));
    }
}
