package dev.weft.smoke.app.servlet3;

import dev.weft.smoke.app.javax.TestServlets;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 9.4 (Servlet 3.1) serving {@link TestServlets} on 127.0.0.1:{@code args[0]}; prints READY when up.
 * Unmapped URLs are answered by the 404 servlet that Jetty's ServletHandler maps on "/" when no
 * default servlet is (ensureDefaultServlet), so a 404 passes through a servlet as on the other containers.
 */
public final class JettyMain {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder hello = new ServletHolder("hello", new TestServlets.Hello());
        context.addServlet(hello, "/hello");
        context.addServlet(hello, "/chain/hello");
        context.addServlet(hello, "/guarded");
        context.addServlet(new ServletHolder(new TestServlets.Users()), "/users/*");
        ServletHolder async = new ServletHolder(new TestServlets.Async());
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");
        context.addServlet(async, "/slow");
        context.addServlet(new ServletHolder(new TestServlets.Forward()), "/forward");
        context.addServlet(new ServletHolder(new TestServlets.Fail()), "/fail");
        context.addServlet(new ServletHolder(new TestServlets.Teapot()), "/teapot");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new TestServlets.PassThrough()), "/chain/*", requests);
        context.addFilter(new FilterHolder(new TestServlets.PassThrough()), "/chain/*", requests);
        context.addFilter(new FilterHolder(new TestServlets.Guard()), "/guarded", requests);

        server.setHandler(context);
        server.start();
        System.out.println("READY");
        server.join();
    }
}
