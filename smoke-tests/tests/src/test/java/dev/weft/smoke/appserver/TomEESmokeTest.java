package dev.weft.smoke.appserver;

/**
 * TomEE 9 web profile (Tomcat 10.0 with Jakarta EE 9.1; JAX-RS is CXF, served from TomEE's
 * CXFJAXRSFilter), {@code bin/catalina.sh run} with the agent in CATALINA_OPTS. The route of a
 * resource method is its template under the context and application paths, as on every server
 * with JAX-RS ({@code /app/api/items/{id}}).
 */
class TomEESmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new Tomcat("appserver-tomee", "apache-tomee-") {
            @Override
            public String name() {
                return "TomEE " + home.getFileName().toString().replace("apache-tomee-", "");
            }
        };
    }
}
