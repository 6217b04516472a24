package dev.weft.smoke.jaxrs;

/** Jersey 3.1 as a servlet on Jetty 12: the servlet records, Jersey refines the route. */
class Jersey3JettySmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "jersey3-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jersey3.JettyMain";
    }

    @Override
    String base() {
        return "/api";
    }

    /** Jersey answered the 404 inside its servlet: the servlet mapping is the route. */
    @Override
    String unmatchedRoute() {
        return "/api/*";
    }
}
