package dev.weft.smoke.appserver;

import java.util.List;

/**
 * Jetty 12 home (ee10), {@code java -javaagent:... -jar start.jar} from its own base. Jetty has no
 * JAX-RS: /app/api/... is the webapp's default servlet's 404, as on Tomcat. Requests outside the
 * webapp's context are answered by Jetty's {@code DefaultHandler} without any servlet: the
 * {@code jetty-12} module records each of them, once, as {@code unmatched}.
 */
class JettyHomeSmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new JettyHome();
    }

    @Override
    boolean jaxrs() {
        return false;
    }

    @Override
    List<Request> requests() {
        List<Request> requests = super.requests();
        requests.add(new Request("/app/api/items/1", 404, "unmatched"));
        requests.add(new Request("/nowhere/8675309", 404, "unmatched"));
        requests.add(new Request("/", 404, "unmatched"));
        return requests;
    }
}
