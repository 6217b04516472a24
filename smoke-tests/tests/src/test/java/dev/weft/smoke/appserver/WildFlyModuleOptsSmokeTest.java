package dev.weft.smoke.appserver;

/**
 * WildFly 39 with the agent in MODULE_OPTS (standalone.conf's documented agent hook): JBoss
 * Modules starts first and loads the agent, so the agent jar is opened through JBoss Modules.
 */
class WildFlyModuleOptsSmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new WildFly(WildFly.Agent.MODULE_OPTS);
    }
}
