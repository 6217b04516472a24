package dev.weft.smoke;

/** Embedded Tomcat 10.1, jakarta.servlet 6.0. */
class Tomcat10SmokeTest extends ServletContainerSmokeTest {
    @Override
    String app() {
        return "servlet-jakarta-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.jakarta.TomcatMain";
    }
}
