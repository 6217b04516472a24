package dev.weft.smoke;

/** Jetty 10 (javax.servlet 4.0). */
class Jetty10SmokeTest extends ServletContainerSmokeTest {
    @Override
    String app() {
        return "servlet-javax-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.javax.JettyMain";
    }
}
