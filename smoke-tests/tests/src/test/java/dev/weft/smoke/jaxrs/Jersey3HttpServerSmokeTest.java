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

    /** Jersey's JDK HttpServer container cannot suspend a request: "Method suspend is not supported". */
    @Override
    boolean supportsAsync() {
        return false;
    }

    @Override
    String unmatchedRoute() {
        return "unmatched";
    }
}
