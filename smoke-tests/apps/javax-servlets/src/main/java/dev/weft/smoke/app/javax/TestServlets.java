package dev.weft.smoke.app.javax;

import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The servlets and filters every javax container in the smoke tests serves, at the same mappings,
 * written against the Servlet 3.1 API: {@link Filter} has no default methods there.
 */
public final class TestServlets {

    private TestServlets() {}

    /** GET /hello: a fixed body with a declared length. POST echoes the body size. */
    public static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            write(resp, 200, "hello\n");
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ServletInputStream in = req.getInputStream();
            byte[] buffer = new byte[8192];
            long length = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                length += n;
            }
            write(resp, 200, "got " + length + " bytes\n");
        }
    }

    /** /users/*: a path mapping; the raw paths differ, the route must not. */
    public static final class Users extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            write(resp, 200, "user " + req.getPathInfo() + "\n");
        }
    }

    /** /async and /slow: complete on another thread after 300 ms, or {@code ?ms=} milliseconds. */
    public static final class Async extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            long delay = req.getParameter("ms") == null ? 300 : Long.parseLong(req.getParameter("ms"));
            AsyncContext async = req.startAsync();
            async.setTimeout(30_000);
            async.start(() -> {
                try {
                    Thread.sleep(delay);
                    write((HttpServletResponse) async.getResponse(), 200, "late hello\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** /forward: forwards to /hello; one observation, under the route the client asked for. */
    public static final class Forward extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            req.getRequestDispatcher("/hello").forward(req, resp);
        }
    }

    /** /fail: throws out of the servlet. */
    public static final class Fail extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("failing on purpose");
        }
    }

    /** /teapot: sets a status without throwing. */
    public static final class Teapot extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            write(resp, 503, "unavailable\n");
        }
    }

    /** Mapped twice on /chain/* so a request passes two filters, then {@link Hello}. */
    public static final class PassThrough implements Filter {
        @Override
        public void init(FilterConfig config) {}

        @Override
        public void destroy() {}

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /** On /guarded: answers 401 itself, the servlet is never reached. */
    public static final class Guard implements Filter {
        @Override
        public void init(FilterConfig config) {}

        @Override
        public void destroy() {}

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            write((HttpServletResponse) response, 401, "no\n");
        }
    }

    static void write(HttpServletResponse resp, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
