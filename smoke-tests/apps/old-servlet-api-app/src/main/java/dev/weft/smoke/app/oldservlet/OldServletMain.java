package dev.weft.smoke.app.oldservlet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A servlet written against the servlet 2.5 API (no {@code DispatcherType}, no
 * {@code getDispatcherType()}), served on 127.0.0.1:{@code args[0]} by a minimal container: the
 * JDK's HttpServer calling {@code HttpServlet.service(ServletRequest, ServletResponse)} with request
 * and response objects that implement exactly the 2.5 interfaces. Prints READY when up.
 *
 * <pre>
 * GET /hello   "hello from servlet 2.5\n" with X-Servlet-Api: 2.5
 * GET /fail    the servlet throws; the container answers 500 "servlet failed\n"
 * </pre>
 *
 * This is the "unsupported library version" case: the servlet-javax module must leave this class
 * loader alone instead of weaving advice whose calls would end in {@code NoSuchMethodError}.
 */
public final class OldServletMain {

    public static void main(String[] args) throws Exception {
        HttpServlet servlet = new OldServlet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                Integer.parseInt(args[0])), 50);
        server.createContext("/", exchange -> {
            try {
                serve(servlet, exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        System.out.println("READY");
    }

    private static void serve(HttpServlet servlet, HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        int[] status = {200};
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                OldServletMain.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, methodArgs) -> request(exchange, method));
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                OldServletMain.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, methodArgs) -> {
                    switch (method.getName()) {
                        case "getWriter": return writer;
                        case "setStatus": status[0] = (Integer) methodArgs[0]; return null;
                        case "setContentType": exchange.getResponseHeaders().set("Content-Type", (String) methodArgs[0]); return null;
                        case "setHeader": exchange.getResponseHeaders().set((String) methodArgs[0], (String) methodArgs[1]); return null;
                        default: return defaultValue(method);
                    }
                });
        try {
            servlet.service(request, response);
            writer.flush();
        } catch (ServletException | RuntimeException e) {
            status[0] = 500;
            body.reset();
            body.write("servlet failed\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = body.toByteArray();
        exchange.sendResponseHeaders(status[0], bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Object request(HttpExchange exchange, Method method) {
        switch (method.getName()) {
            case "getMethod": return exchange.getRequestMethod();
            case "getRequestURI":
            case "getServletPath": return exchange.getRequestURI().getPath();
            case "getContextPath": return "";
            case "getProtocol": return "HTTP/1.1";
            case "getContentLength": return -1;
            case "getDateHeader": return -1L;
            default: return defaultValue(method);
        }
    }

    private static Object defaultValue(Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (method.getName().equals("toString")) return "old-servlet-api " + method.getDeclaringClass().getSimpleName();
        if (method.getName().equals("hashCode")) return 0;
        return null;
    }

    static final class OldServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            if (req.getServletPath().equals("/fail")) {
                throw new ServletException("failing on purpose");
            }
            resp.setContentType("text/plain");
            resp.setHeader("X-Servlet-Api", "2.5");
            resp.getWriter().write("hello from servlet 2.5\n");
        }
    }
}
