package dev.weft.smoke.app.jakarta;

import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Embedded Tomcat 10.1 with requests it answers itself: two contexts and no root context, so a path
 * outside both is Tomcat's own 404, and {@code /secure/admin} behind BASIC authentication, so a
 * request without credentials is the authenticator valve's 401. Port {@code args[0]}; prints READY.
 */
public final class ContainerAnswersTomcatMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser("admin", "secret");
        tomcat.addRole("admin", "manager");

        Context shop = tomcat.addContext("/shop", base.getAbsolutePath());
        Tomcat.addServlet(shop, "hello", new TestServlets.Hello());
        shop.addServletMappingDecoded("/hello", "hello");

        Context secure = tomcat.addContext("/secure", base.getAbsolutePath());
        Tomcat.addServlet(secure, "admin", new TestServlets.Hello());
        secure.addServletMappingDecoded("/admin/*", "admin");
        SecurityCollection everything = new SecurityCollection();
        everything.addPatternDecoded("/*");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole("manager");
        constraint.addCollection(everything);
        secure.addConstraint(constraint);
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName("weft");
        secure.setLoginConfig(login);
        secure.getPipeline().addValve(new BasicAuthenticator());
        secure.addSecurityRole("manager");

        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }
}
