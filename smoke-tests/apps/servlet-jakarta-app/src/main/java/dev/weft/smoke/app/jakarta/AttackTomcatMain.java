package dev.weft.smoke.app.jakarta;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 10.1 where most requests reach the default servlet, the worst case for route
 * cardinality: Tomcat's {@link DefaultServlet} at {@code /} with a few static files (404 for
 * anything else), a single-page-app fallback filter answering 200 for any path under
 * {@code /app/} and {@code /catalog/} (so random paths there are successful requests), and
 * {@link TestServlets.Users} at {@code /users/*}. Port {@code args[0]} on 127.0.0.1; prints READY.
 */
public final class AttackTomcatMain {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        Path docs = Files.createDirectories(base.toPath().resolve("docs"));
        Files.createDirectories(docs.resolve("css"));
        Files.createDirectories(docs.resolve("img"));
        Files.write(docs.resolve("index.html"), "<h1>hi</h1>\n".getBytes(StandardCharsets.UTF_8));
        Files.write(docs.resolve("css/app.css"), "h1 { color: red }\n".getBytes(StandardCharsets.UTF_8));
        Files.write(docs.resolve("img/logo.png"), new byte[64]);
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", docs.toString());

        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        Tomcat.addServlet(context, "users", new TestServlets.Users());
        context.addServletMappingDecoded("/users/*", "users");

        FilterDef def = new FilterDef();
        def.setFilterName("spa");
        def.setFilter(new SpaFallback());
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("spa");
        map.addURLPatternDecoded("/*");
        context.addFilterMap(map);

        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }

    /** Answers 200 for client-side routes of a single-page app; everything else goes on. */
    public static final class SpaFallback implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = ((HttpServletRequest) request).getServletPath();
            if (path.startsWith("/app/") || path.startsWith("/catalog/")) {
                TestServlets.write((HttpServletResponse) response, 200, "spa\n");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
