package dev.weft.smoke.appserver;

import java.util.List;

/**
 * Tomcat 11 (Servlet 6.1), {@code bin/catalina.sh run} with the agent in CATALINA_OPTS. Tomcat has
 * no JAX-RS: it ignores the war's JAX-RS application and /app/api/... is the default servlet's 404.
 * The war bundles no JAX-RS implementation on purpose (Jersey and RESTEasy inside a servlet
 * container are covered by the jaxrs smoke tests); here it is the same war every server gets.
 */
class Tomcat11SmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new Tomcat();
    }

    @Override
    boolean jaxrs() {
        return false;
    }

    @Override
    List<Request> requests() {
        List<Request> requests = super.requests();
        requests.add(new Request("/app/api/items/1", 404, "unmatched"));
        return requests;
    }
}
