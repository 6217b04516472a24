package dev.weft.smoke.jaxrs;

/**
 * Apache CXF 3.6 (javax.ws.rs) as {@code CXFNonSpringJaxrsServlet} on Tomcat 9 under a context
 * path: the servlet records, CXF's invoker refines the route.
 */
class Cxf3TomcatSmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "cxf3-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.cxf3.TomcatMain";
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
