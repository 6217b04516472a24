package dev.weft.instrumentation.jetty;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.server.Request;

/**
 * {@code ContextHandler.doHandle}: Jetty has scoped the request to this context and, in a servlet
 * context, to a servlet mapping; the security handler and the servlets run inside this call.
 */
public final class ContextMappedAdvice {

    private ContextMappedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Request request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        Weft.server().containerMapped(request.getContextPath(),
                pathInfo == null ? (servletPath == null ? "" : servletPath)
                        : (servletPath == null ? pathInfo : servletPath + pathInfo));
    }
}
