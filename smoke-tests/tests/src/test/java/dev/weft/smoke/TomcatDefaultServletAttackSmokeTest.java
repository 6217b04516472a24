package dev.weft.smoke;

/** The route attack against Tomcat 10.1's default servlet, behind a single-page-app fallback filter. */
class TomcatDefaultServletAttackSmokeTest extends RouteAttackSmokeTest {
    @Override
    String app() {
        return "servlet-jakarta-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jakarta.AttackTomcatMain";
    }

    @Override
    String[] catchAllPrefixes() {
        return new String[] {"/app/"};
    }

    @Override
    String[] mappedRouteAndPrefix() {
        return new String[] {"/users/*", "/users/"};
    }
}
