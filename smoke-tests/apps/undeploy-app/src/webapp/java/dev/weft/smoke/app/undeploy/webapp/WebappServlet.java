package dev.weft.smoke.app.undeploy.webapp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The webapp's servlet, loaded by the webapp's own class loader. It overrides
 * {@code service(ServletRequest, ServletResponse)} itself and never calls {@code HttpServlet}'s: a
 * request the agent records was timed by advice woven into classes of that loader (this servlet,
 * or {@link WebappFilter} in front of it), not by the container's copy of the servlet API.
 *
 * <pre>
 * /hello   answers at once
 * /async   startAsync; another container thread writes and completes after 50 ms
 * </pre>
 */
public final class WebappServlet extends HttpServlet {

    @Override
    public void service(ServletRequest req, ServletResponse res) throws IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if ("/async".equals(request.getServletPath())) {
            AsyncContext async = request.startAsync();
            async.setTimeout(10_000);
            async.start(new Completion(async));
            return;
        }
        write(response, "hello from the webapp\n");
    }

    static void write(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Completes an asynchronous request; a named class rather than a lambda, so nothing here is hidden. */
    static final class Completion implements Runnable {
        private final AsyncContext async;

        Completion(AsyncContext async) {
            this.async = async;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(50);
                write((HttpServletResponse) async.getResponse(), "async hello from the webapp\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                async.complete();
            }
        }
    }
}
