package dev.weft.smoke;

/** Jetty 9.4 (javax.servlet 3.1: no HttpServletMapping, so the agent's Servlet 3.x exit advice). */
class Jetty94SmokeTest extends ServletContainerSmokeTest {
    @Override
    String app() {
        return "servlet3-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.servlet3.JettyMain";
    }
}
