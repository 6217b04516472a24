package dev.weft.smoke.app.undeploy.webapp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The webapp's filter, in front of every webapp request; marks the response so a test can see it ran.
 *
 * <p>It also closes the connection after each webapp response. Jetty 12 caches a request's
 * {@code ServletChannel}, which reaches the webapp's context and so its class loader, in the
 * connection (until another servlet context serves a request on it, or it closes): a client that
 * kept the connection open and sent GET /undeploy on it would have the loader retained by Jetty,
 * whatever the agent does.
 */
public final class WebappFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        httpResponse.setHeader("X-Webapp-Filter", "passed");
        httpResponse.setHeader("Connection", "close");
        chain.doFilter(request, response);
    }
}
