package dev.weft.smoke.app.jersey2;

import dev.weft.smoke.jaxrs.ShopApplication;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey 2's ServletContainer at {@code /api/*} on Jetty 10, under the context path {@code /store},
 * on 127.0.0.1:{@code args[0]}; prints READY.
 */
public final class JettyMain {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/store");
        context.addServlet(new ServletHolder(new ServletContainer(ResourceConfig.forApplication(new ShopApplication()))),
                "/api/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY");
        server.join();
    }
}
