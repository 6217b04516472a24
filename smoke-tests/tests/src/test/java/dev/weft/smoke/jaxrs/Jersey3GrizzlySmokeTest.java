package dev.weft.smoke.jaxrs;

/** Jersey 3.1 on Grizzly: no servlet, so Jersey's layer records the request, asynchronous ones included. */
class Jersey3GrizzlySmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "jersey3-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jersey3.GrizzlyMain";
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
