package dev.weft.smoke.app.appserver;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application under {@code /api}, run by the server's own implementation (RESTEasy on
 * WildFly and Open Liberty, Jersey on GlassFish, CXF on TomEE). A server without JAX-RS (Tomcat)
 * ignores it, and {@code /api/...} is a 404 there. Resources are found by scanning.
 */
@ApplicationPath("/api")
public class ApiApplication extends Application {
}
