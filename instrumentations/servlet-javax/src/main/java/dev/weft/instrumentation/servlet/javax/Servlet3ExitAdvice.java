package dev.weft.instrumentation.servlet.javax;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Servlet 3.0 and 3.1, which cannot tell which mapping matched: a request with a path info went
 * through a path mapping ({@code /api/*}); any other is routed by its normalised servlet path.
 * Only 3.0 methods are called here.
 */
public final class Servlet3ExitAdvice {

    private Servlet3ExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) ServletRequest request,
                            @Advice.Argument(1) ServletResponse response,
                            @Advice.Enter long start,
                            @Advice.Thrown Throwable thrown) {
        CallDepth.SERVER.exit();
        if (start == ServerRecorder.NOT_TIMED) {
            return;
        }
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        ServerRecorder recorder = Weft.server();
        int status = thrown != null ? 500 : httpResponse.getStatus();
        // Spring MVC leaves the pattern its handler matched on the request: the route, for free.
        // Apache CXF writes the same attribute for Spring's observations, holding the request URI
        // until it matches a resource (a 404's raw path); Spring's handler mappings also leave the
        // handler or the path within the mapping, CXF neither.
        Object springPattern = httpRequest.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
        if (springPattern != null
                && (httpRequest.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingHandler") != null
                || httpRequest.getAttribute("org.springframework.web.servlet.HandlerMapping.pathWithinHandlerMapping") != null)) {
            recorder.frameworkTemplate(springPattern.toString());
        }
        String route = httpRequest.getPathInfo() != null
                ? recorder.mappedRoute(httpRequest.getContextPath(), httpRequest.getServletPath() + "/*")
                : recorder.pathRoute(httpRequest.getContextPath(), httpRequest.getServletPath(), status);
        long requestBytes = httpRequest.getContentLength();
        if (thrown == null && httpRequest.isAsyncStarted()) {
            try {
                httpRequest.getAsyncContext().addListener(new AsyncCompletionListener(
                        start, httpRequest.getMethod(), route, httpResponse, requestBytes));
                return;
            } catch (IllegalStateException completedAlready) {
                // completed on another thread before service returned: record it now
            }
        }
        recorder.end(start, httpRequest.getMethod(), route, status, thrown, requestBytes,
                AsyncCompletionListener.contentLength(httpResponse));
    }
}
