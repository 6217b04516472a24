package dev.weft.smoke.app.resteasy;

import dev.weft.smoke.jaxrs.ShopApplication;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/**
 * RESTEasy's servlet dispatcher at {@code /api/*} on embedded Tomcat 10.1, under the context path
 * {@code /shop}, on 127.0.0.1:{@code args[0]}; prints READY.
 */
public final class TomcatMain {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/shop", base.getAbsolutePath());
        Wrapper resteasy = Tomcat.addServlet(context, "resteasy", new HttpServlet30Dispatcher());
        resteasy.addInitParameter("jakarta.ws.rs.Application", ShopApplication.class.getName());
        resteasy.addInitParameter("resteasy.servlet.mapping.prefix", "/api");
        resteasy.setAsyncSupported(true);
        context.addServletMappingDecoded("/api/*", "resteasy");
        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }
}
