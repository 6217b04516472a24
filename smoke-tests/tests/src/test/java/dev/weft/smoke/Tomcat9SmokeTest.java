package dev.weft.smoke;

/** Embedded Tomcat 9, javax.servlet 4.0. */
class Tomcat9SmokeTest extends ServletContainerSmokeTest {
    @Override
    String app() {
        return "servlet-javax-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.javax.TomcatMain";
    }
}
