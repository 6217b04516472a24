package dev.weft.smoke.app.cxf3;

import dev.weft.smoke.jaxrs.ShopApplication;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;

/**
 * CXF's {@code CXFNonSpringJaxrsServlet} at {@code /api/*} on embedded Tomcat 9, under the context
 * path {@code /shop}, configured as a web.xml would (the Application's class name as an init
 * parameter), with exception propagation off, on 127.0.0.1:{@code args[0]}; prints READY.
 */
public final class TomcatMain {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/shop", base.getAbsolutePath());
        Wrapper cxf = Tomcat.addServlet(context, "cxf", CXFNonSpringJaxrsServlet.class.getName());
        cxf.addInitParameter("javax.ws.rs.Application", ShopApplication.class.getName());
        // CXF answers an exception no mapper handles with a 500 itself instead of rethrowing it to
        // Tomcat: the servlet sees no exception, only CXF's invoker does
        cxf.addInitParameter("jaxrs.properties", "org.apache.cxf.propagate.exception=false");
        cxf.setAsyncSupported(true);
        context.addServletMappingDecoded("/api/*", "cxf");
        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }
}
