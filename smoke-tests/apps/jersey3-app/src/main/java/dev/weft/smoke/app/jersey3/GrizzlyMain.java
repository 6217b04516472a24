package dev.weft.smoke.app.jersey3;

import dev.weft.smoke.jaxrs.ShopApplication;
import java.net.URI;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** Jersey 3.1 on Grizzly, no servlet anywhere, at http://127.0.0.1:{@code args[0]}/ (the application path, /api, from {@code @ApplicationPath}); prints READY. */
public final class GrizzlyMain {

    public static void main(String[] args) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + Integer.parseInt(args[0]) + "/");
        GrizzlyHttpServerFactory.createHttpServer(base, ResourceConfig.forApplication(new ShopApplication()));
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
