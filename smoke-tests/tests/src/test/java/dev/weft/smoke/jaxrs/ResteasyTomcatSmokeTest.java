package dev.weft.smoke.jaxrs;

/** RESTEasy 6.2 as a servlet on Tomcat 10.1 under a context path: the context path comes once. */
class ResteasyTomcatSmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "resteasy-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.resteasy.TomcatMain";
    }

    @Override
    String base() {
        return "/shop/api";
    }

    @Override
    String unmatchedRoute() {
        return "/shop/api/*";
    }
}
