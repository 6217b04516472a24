package dev.weft.smoke.appserver;

/**
 * Open Liberty (Equinox OSGi underneath) with the agent in the server's jvm.options; JAX-RS is
 * restfulWS-3.1, Liberty's RESTEasy.
 */
class OpenLibertySmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new OpenLiberty();
    }
}
