package dev.weft.smoke.jaxrs;

/** Jersey 2.x (javax.ws.rs) as a servlet on Jetty 10 under a context path. */
class Jersey2JettySmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "jersey2-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jersey2.JettyMain";
    }

    @Override
    String base() {
        return "/store/api";
    }

    @Override
    String unmatchedRoute() {
        return "/store/api/*";
    }
}
