package dev.weft.smoke.app.faults;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 10.1 on 127.0.0.1:{@code args[0]}; prints READY when up.
 *
 * <pre>
 * GET /hello        "hello\n"
 * GET /r0 ... /r49  "route N\n": fifty exact servlet mappings, so fifty routes
 * GET /exit         answers "bye\n", then the JVM exits with status 42
 * </pre>
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
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "hello", new Text("hello\n"));
        context.addServletMappingDecoded("/hello", "hello");
        for (int i = 0; i < ROUTES; i++) {
            Tomcat.addServlet(context, "r" + i, new Text("route " + i + "\n"));
            context.addServletMappingDecoded("/r" + i, "r" + i);
        }
        Tomcat.addServlet(context, "exit", new Exit());
        context.addServletMappingDecoded("/exit", "exit");
        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }

    static final class Text extends HttpServlet {
        private final String body;

        Text(String body) {
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write(body);
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
