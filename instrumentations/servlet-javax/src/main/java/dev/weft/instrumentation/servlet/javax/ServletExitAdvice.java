package dev.weft.instrumentation.servlet.javax;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.MappingMatch;
import net.bytebuddy.asm.Advice;

/**
 * Servlet 4.0+: records the request when the outermost call returns, or hands it to an
 * {@link AsyncCompletionListener} when the application went asynchronous. The route is the matched
 * servlet mapping; the default servlet's requests get a normalised path. When Spring MVC handled
 * the request, its best-matching pattern (a request attribute) refines that route.
 *
 * <p>One source for both namespaces: {@code servlet-jakarta} compiles this file with the servlet
 * package renamed (see its pom).
 */
public final class ServletExitAdvice {

    private ServletExitAdvice() {}

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
        HttpServletMapping mapping = httpRequest.getHttpServletMapping();
        MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
        String route = match == null || match == MappingMatch.DEFAULT
                ? recorder.pathRoute(httpRequest.getContextPath(), httpRequest.getServletPath(), status)
                : recorder.mappedRoute(httpRequest.getContextPath(), mapping.getPattern());
        long requestBytes = httpRequest.getContentLengthLong();
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
