package dev.weft.smoke.app.cxf4;

import dev.weft.smoke.jaxrs.ShopApplication;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * CXF's {@code CXFNonSpringJaxrsServlet} at {@code /api/*} on Jetty 12 (ee10), under the context
 * path {@code /shop}, configured as a web.xml would (the Application's class name as an init
 * parameter), on 127.0.0.1:{@code args[0]}; prints READY. The same application is also served by a
 * second servlet at {@code /services/*} that takes its {@code @ApplicationPath("/api")} for the
 * endpoint's address ({@code jaxrs.application.address.ignore=false}; CXF ignores it by default), as
 * Spring's {@code <jaxrs:server address="/api">} under {@code CXFServlet} would:
 * {@code /shop/services/api/users/1}.
 */
public final class JettyMain {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/shop");
        ServletHolder cxf = new ServletHolder("cxf", CXFNonSpringJaxrsServlet.class);
        cxf.setInitParameter("jakarta.ws.rs.Application", ShopApplication.class.getName());
        cxf.setAsyncSupported(true);
        context.addServlet(cxf, "/api/*");
        ServletHolder addressed = new ServletHolder("cxf-addressed", CXFNonSpringJaxrsServlet.class);
        addressed.setInitParameter("jakarta.ws.rs.Application", ShopApplication.class.getName());
        addressed.setInitParameter("jaxrs.application.address.ignore", "false");
        context.addServlet(addressed, "/services/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY");
        server.join();
    }
}
