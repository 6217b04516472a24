package dev.weft.smoke.vertx;

import dev.weft.smoke.AgentJvm;

/**
 * Quarkus 3.33 with Quarkus REST (RESTEasy Reactive) and its REST Client, built by the Quarkus Maven
 * plugin into a fast-jar and started as its users start it: {@code java -jar quarkus-run.jar}, with
 * the agent on the command line. Quarkus loads Vert.x and the application from its own class loader.
 */
class QuarkusRestSmokeTest extends VertxServerSmokeTest {

    @Override
    AgentJvm.Builder app(int port, int downstreamPort, int refusedPort) {
        return AgentJvm.runnableJar("quarkus-rest-app", "target/quarkus-app/quarkus-run.jar")
                .jvmOption("-Dquarkus.http.port=" + port)
                .jvmOption("-Ddownstream.port=" + downstreamPort)
                .jvmOption("-Drefused.port=" + refusedPort);
    }

    @Override
    boolean hasClient() {
        return true;
    }

}
