package dev.weft.smoke.app.jakarta;

import dev.weft.smoke.app.gate.Gate;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The servlets and filters every jakarta container in the smoke tests serves, at the same mappings. */
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
            byte[] body = req.getInputStream().readAllBytes();
            write(resp, 200, "got " + body.length + " bytes\n");
        }
    }

    /**
     * GET /outbound: calls this server's own /hello and /teapot (503) over HttpURLConnection, two
     * outbound requests to record, one of them failed.
     */
    public static final class Outbound extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int hello = call("http://127.0.0.1:" + req.getLocalPort() + "/hello");
            int teapot = call("http://127.0.0.1:" + req.getLocalPort() + "/teapot");
            write(resp, 200, "downstream said " + hello + " and " + teapot + "\n");
        }

        private static int call(String url) throws IOException {
            java.net.HttpURLConnection call = (java.net.HttpURLConnection) new java.net.URL(url).openConnection();
            int status = call.getResponseCode();
            call.disconnect();
            return status;
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

    /** /hold: keeps its thread until the {@link Gate} opens, then answers. */
    public static final class Hold extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Gate.pass();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(resp, 200, "released\n");
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
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /** On /guarded: answers 401 itself, the servlet is never reached. */
    public static final class Guard implements Filter {
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
