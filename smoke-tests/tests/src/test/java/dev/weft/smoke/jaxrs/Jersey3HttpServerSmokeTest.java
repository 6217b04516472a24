package dev.weft.smoke.jaxrs;

/** Jersey 3.1 on the JDK HttpServer: no servlet, so Jersey's layer records the request itself. */
class Jersey3HttpServerSmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "jersey3-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jersey3.HttpServerMain";
    }

    @Override
    String base() {
        return "/api";
    }

    @Override
    String unmatchedRoute() {
        return "unmatched";
    }
}
