package dev.weft.smoke.jaxrs;

/**
 * Apache CXF 4.1 (jakarta.ws.rs) as {@code CXFNonSpringJaxrsServlet} on Jetty 12 under a context
 * path: the servlet records, CXF's invoker refines the route.
 */
class Cxf4JettySmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "cxf4-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.cxf4.JettyMain";
    }

    @Override
    String base() {
        return "/shop/api";
    }

    /** CXF answered the 404 or 405 inside its servlet, before any resource method: the servlet mapping is the route. */
    @Override
    String unmatchedRoute() {
        return "/shop/api/*";
    }
}
