package dev.weft.smoke.vertx;

import dev.weft.smoke.AgentJvm;

/**
 * Quarkus 3.33 with RESTEasy classic ({@code quarkus-resteasy}), which Quarkus dispatches from its
 * Vert.x server to a worker thread, no servlet container involved; built into a fast-jar by the
 * Quarkus Maven plugin and run with {@code java -jar quarkus-run.jar}. Routes are the resource
 * templates the jaxrs-resteasy instrumentation reads, handed to the Vert.x request's observation.
 */
class QuarkusResteasySmokeTest extends VertxServerSmokeTest {

    @Override
    AgentJvm.Builder app(int port, int downstreamPort, int refusedPort) {
        return AgentJvm.runnableJar("quarkus-resteasy-app", "target/quarkus-app/quarkus-run.jar")
                .jvmOption("-Dquarkus.http.port=" + port);
    }

    @Override
    boolean hasClient() {
        return false;
    }

}
