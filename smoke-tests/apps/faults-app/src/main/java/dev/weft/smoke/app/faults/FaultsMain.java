package dev.weft.smoke.app.faults;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 10.1 on 127.0.0.1:{@code args[0]}; prints READY when up.
 *
 * <pre>
 * GET /hello        "hello\n"
 * GET /r0 ... /r49  "route N\n": fifty exact servlet mappings, so fifty routes
 * GET /exit         answers "bye\n", then the JVM exits with status 42
 * GET /served       how many requests each of /hello and /r0 ... /r49 served, as "path count" lines:
 *                   the application's own count, to compare with the agent's
 * </pre>
 *
 * Kept-alive connections are never closed by the server (no request limit, two-minute idle
 * timeout): a connection closed under a client makes java.net.http resend the request, and the
 * server would then rightly count more requests than the client sent.
 *
 * The fixed exit status lets a test show that the agent, however configured, does not change the
 * application's exit code.
 */
public final class FaultsMain {

    public static final int ROUTES = 50;
    public static final int EXIT_STATUS = 42;

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
        tomcat.getConnector().setProperty("keepAliveTimeout", "120000");
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Map<String, AtomicLong> served = new LinkedHashMap<>();
        served.put("/hello", new AtomicLong());
        Tomcat.addServlet(context, "hello", new Text("hello\n", served.get("/hello")));
        context.addServletMappingDecoded("/hello", "hello");
        for (int i = 0; i < ROUTES; i++) {
            served.put("/r" + i, new AtomicLong());
            Tomcat.addServlet(context, "r" + i, new Text("route " + i + "\n", served.get("/r" + i)));
            context.addServletMappingDecoded("/r" + i, "r" + i);
        }
        Tomcat.addServlet(context, "served", new Served(served));
        context.addServletMappingDecoded("/served", "served");
        Tomcat.addServlet(context, "exit", new Exit());
        context.addServletMappingDecoded("/exit", "exit");
        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }

    static final class Text extends HttpServlet {
        private final String body;
        private final AtomicLong served;

        Text(String body, AtomicLong served) {
            this.body = body;
            this.served = served;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            served.incrementAndGet();
            resp.setContentType("text/plain");
            resp.getWriter().write(body);
        }
    }

    static final class Served extends HttpServlet {
        private final Map<String, AtomicLong> served;

        Served(Map<String, AtomicLong> served) {
            this.served = served;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, AtomicLong> e : served.entrySet()) {
                text.append(e.getKey()).append(' ').append(e.getValue().get()).append('\n');
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(text.toString());
        }
    }

    static final class Exit extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("bye\n");
            resp.flushBuffer();
            Thread exit = new Thread(() -> {
                try {
                    Thread.sleep(200); // let the response reach the client
                } catch (InterruptedException ignored) {
                    // exit now
                }
                System.exit(EXIT_STATUS);
            }, "exit");
            exit.start();
        }
    }
}
