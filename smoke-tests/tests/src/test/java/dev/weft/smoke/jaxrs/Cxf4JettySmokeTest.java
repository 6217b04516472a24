package dev.weft.smoke.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.smoke.Http;
import org.junit.jupiter.api.Test;

/**
 * Apache CXF 4.1 (jakarta.ws.rs) as {@code CXFNonSpringJaxrsServlet} on Jetty 12 under a context
 * path: the servlet records, CXF's invoker refines the route.
 */
class Cxf4JettySmokeTest extends JaxrsSmokeTest {

    @Override
    String app() {
        return "cxf4-app";
    }

    @Override
    String mainClass() {
        return "dev.weft.smoke.app.cxf4.JettyMain";
    }

    @Override
    String base() {
        return "/shop/api";
    }

    /** CXF answered the 404 or 405 inside its servlet, before any resource method: the servlet mapping is the route. */
    @Override
    String unmatchedRoute() {
        return "/shop/api/*";
    }

    /**
     * A second servlet at {@code /services/*} whose endpoint address is the application path
     * {@code /api}: the address lies between the servlet mapping and the templates. A path under the servlet that no endpoint
     * or resource matches keeps the servlet mapping.
     */
    @Test
    void anEndpointAddressLiesBetweenTheServletMappingAndTheTemplates() throws Exception {
        assertEquals("user 3", Http.get(root("/shop/services/api/users/3")).body());
        assertEquals("user 4", Http.get(root("/shop/services/api/users/4")).body());
        assertCount(2, "GET", "/shop/services/api/users/{id}", "200", "");
        assertEquals(404, Http.get(root("/shop/services/api/nowhere/8675309")).statusCode());
        assertEquals(404, Http.get(root("/shop/services/elsewhere/8675309")).statusCode());
        assertCount(2, "GET", "/shop/services/*", "404", "");
    }
}
