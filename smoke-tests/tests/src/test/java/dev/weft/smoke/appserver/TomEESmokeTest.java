package dev.weft.smoke.appserver;

/**
 * TomEE 9 web profile (Tomcat 10.0 with Jakarta EE 9.1; JAX-RS is CXF), {@code bin/catalina.sh run}
 * with the agent in CATALINA_OPTS. TomEE serves JAX-RS from a filter (CXFJAXRSFilter) in front of
 * the default servlet, and Weft has no CXF instrumentation yet: a resource method's route then
 * comes from the default servlet's id heuristic, which for these numeric ids is the same text as
 * the template, {@code /app/api/items/{id}}.
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
