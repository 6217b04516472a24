package dev.weft.smoke.appserver;

/**
 * GlassFish 7 (Felix OSGi underneath) with the agent in domain.xml's jvm-options; JAX-RS is
 * GlassFish's Jersey 3.1.
 */
class GlassFishSmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new GlassFish();
    }
}
