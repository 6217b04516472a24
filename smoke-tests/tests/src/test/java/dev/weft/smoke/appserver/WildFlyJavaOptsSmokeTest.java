package dev.weft.smoke.appserver;

/** WildFly 39 with the agent in JAVA_OPTS (standalone.conf), RESTEasy as its JAX-RS. */
class WildFlyJavaOptsSmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new WildFly(WildFly.Agent.JAVA_OPTS);
    }
}
