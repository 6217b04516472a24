package dev.weft.smoke.app.jersey3;

import dev.weft.smoke.jaxrs.ShopApplication;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey 3.1's ServletContainer at {@code /api/*} on Jetty 12 (ee10), 127.0.0.1:{@code args[0]}; prints READY. */
public final class JettyMain {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(ResourceConfig.forApplication(new ShopApplication()))),
                "/api/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY");
        server.join();
    }
}
