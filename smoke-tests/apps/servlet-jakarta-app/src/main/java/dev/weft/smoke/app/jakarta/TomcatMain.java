package dev.weft.smoke.app.jakarta;

import dev.weft.smoke.app.gate.Gate;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 10.1 serving {@link TestServlets} on 127.0.0.1:{@code args[0]}; prints READY when up.
 * With {@code args[1]} and {@code args[2]}, the connector has at most {@code args[1]} threads and
 * {@code /hold} waits for the {@link Gate} on port {@code args[2]}.
 */
public final class TomcatMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.getAbsolutePath());
        if (args.length > 2) {
            tomcat.getConnector().setProperty("maxThreads", args[1]);
            Gate.listen(Integer.parseInt(args[2]));
            servlet(context, "hold", new TestServlets.Hold(), "/hold");
        }

        servlet(context, "default", new DefaultServlet(), "/");
        servlet(context, "hello", new TestServlets.Hello(), "/hello", "/chain/hello", "/guarded");
        servlet(context, "users", new TestServlets.Users(), "/users/*");
        servlet(context, "async", new TestServlets.Async(), "/async", "/slow").setAsyncSupported(true);
        servlet(context, "forward", new TestServlets.Forward(), "/forward");
        servlet(context, "fail", new TestServlets.Fail(), "/fail");
        servlet(context, "teapot", new TestServlets.Teapot(), "/teapot");
        servlet(context, "outbound", new TestServlets.Outbound(), "/outbound");
        filter(context, "first", new TestServlets.PassThrough(), "/chain/*");
        filter(context, "second", new TestServlets.PassThrough(), "/chain/*");
        filter(context, "guard", new TestServlets.Guard(), "/guarded");

        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }

    private static Wrapper servlet(Context context, String name, jakarta.servlet.Servlet servlet, String... mappings) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        for (String mapping : mappings) {
            context.addServletMappingDecoded(mapping, name);
        }
        return wrapper;
    }

    private static void filter(Context context, String name, jakarta.servlet.Filter filter, String mapping) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPatternDecoded(mapping);
        context.addFilterMap(map);
    }
}
