package dev.weft.smoke.appserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Open Liberty (Equinox OSGi underneath) with the agent in the server's jvm.options; JAX-RS is
 * restfulWS-3.1, Liberty's RESTEasy.
 *
 * <p>Liberty's web container answers a path no servlet maps with its own 404, without calling a
 * servlet or filter, so the agent (which starts a server observation at servlets, filters and
 * JAX-RS) does not see those requests: they are asserted as not recorded, which turns into a
 * failure once the container's own entry is woven and they are.
 */
class OpenLibertySmokeTest extends AppServerSmokeTest {

    @Override
    AppServer server() {
        return new OpenLiberty();
    }

    @Override
    List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (Request r : super.requests()) {
            requests.add(r.status == 404 ? r.unrecorded() : r);
        }
        return requests;
    }
}
