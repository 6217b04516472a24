package dev.weft.smoke;

/** Jetty 12, EE10 environment (jakarta.servlet 6.0). */
class Jetty12SmokeTest extends ServletContainerSmokeTest {
    @Override
    String app() {
        return "servlet-jakarta-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jakarta.JettyMain";
    }
}
