package dev.weft.benchmarks.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The application of the end-to-end benchmark, on 127.0.0.1:{@code args[0]}; prints READY.
 *
 * <pre>
 * GET /hello                 a servlet writing 6 bytes: the figure the 3% throughput target is about
 * GET /api/users/{id}        a Jersey resource
 * GET /call                  an outbound java.net.http call to this server's /hello, then 200
 * GET /fanout?n=2000         n calls to closed loopback ports (20000 on): n client series, for the scrape-time figure
 * </pre>
 */
public final class BenchApp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Hello()), "/hello");
        context.addServlet(new ServletHolder(new Call()), "/call");
        context.addServlet(new ServletHolder(new Fanout()), "/fanout");
        context.addServlet(new ServletHolder(new ServletContainer(new ResourceConfig(Users.class))), "/api/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY");
        server.join();
    }

    public static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }

    public static final class Call extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + req.getLocalPort() + "/hello")).build(),
                        HttpResponse.BodyHandlers.ofString());
                resp.getWriter().write("downstream " + r.statusCode() + "\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resp.sendError(500);
            }
        }
    }

    public static final class Fanout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int n = Integer.parseInt(req.getParameter("n"));
            int failed = 0;
            for (int i = 0; i < n; i++) {
                try {
                    CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (20000 + i) + "/")).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    failed++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            resp.getWriter().write(failed + " of " + n + " calls failed\n");
        }
    }

    @Path("/users")
    public static final class Users {
        @GET
        @Path("{id}")
        @Produces(MediaType.TEXT_PLAIN)
        public String user(@PathParam("id") String id) {
            return "user " + id;
        }
    }
}
