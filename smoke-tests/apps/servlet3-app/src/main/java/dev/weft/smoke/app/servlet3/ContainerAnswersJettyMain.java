package dev.weft.smoke.app.servlet3;

import dev.weft.smoke.app.javax.TestServlets;

import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Password;

/**
 * Embedded Jetty 9.4 with requests it answers itself: two contexts and no root context, so a path
 * outside both is Jetty's own 404, and {@code /secure/admin} behind BASIC authentication, so a
 * request without credentials is the security handler's 401. Port {@code args[0]}; prints READY.
 * (servlet-javax-app has the same server for Jetty 10, whose API for it is the same.)
 */
public final class ContainerAnswersJettyMain {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);

        ServletContextHandler shop = new ServletContextHandler();
        shop.setContextPath("/shop");
        shop.addServlet(new ServletHolder(new TestServlets.Hello()), "/hello");

        ServletContextHandler secure = new ServletContextHandler(ServletContextHandler.SECURITY);
        secure.setContextPath("/secure");
        secure.addServlet(new ServletHolder(new TestServlets.Hello()), "/admin/*");
        UserStore users = new UserStore();
        users.addUser("admin", new Password("secret"), new String[] {"manager"});
        HashLoginService login = new HashLoginService("weft");
        login.setUserStore(users);
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, "manager");
        constraint.setAuthenticate(true);
        ConstraintMapping everything = new ConstraintMapping();
        everything.setPathSpec("/*");
        everything.setConstraint(constraint);
        ConstraintSecurityHandler security = (ConstraintSecurityHandler) secure.getSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(login);
        security.addConstraintMapping(everything);

        server.setHandler(new ContextHandlerCollection(shop, secure));
        server.start();
        System.out.println("READY");
        server.join();
    }
}
