package dev.weft.smoke.app.jakarta;

import dev.weft.smoke.app.gate.Gate;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 (ee10) serving {@link TestServlets} on 127.0.0.1:{@code args[0]}; prints READY when up. With
 * {@code args[1]} and {@code args[2]}, the server's pool has {@code args[1]} threads, one acceptor and
 * one selector among them and none reserved, and {@code /hold} waits for the {@link Gate} on port
 * {@code args[2]}.
 */
public final class JettyMain {

    public static void main(String[] args) throws Exception {
        boolean small = args.length > 2;
        Server server;
        if (small) {
            QueuedThreadPool pool = new QueuedThreadPool(Integer.parseInt(args[1]), Integer.parseInt(args[1]));
            pool.setReservedThreads(0); // every thread is busy, idle or starting: the figures add up
            server = new Server(pool);
        } else {
            server = new Server();
        }
        ServerConnector connector = small ? new ServerConnector(server, 1, 1) : new ServerConnector(server);
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
        if (small) {
            Gate.listen(Integer.parseInt(args[2]));
            context.addServlet(new ServletHolder(new TestServlets.Hold()), "/hold");
        }
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
