package dev.weft.smoke.jaxrs;

import javax.ws.rs.ApplicationPath;
import javax.ws.rs.core.Application;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The javax twin of jaxrs-jakarta-resources' ShopApplication (same resources, javax.ws.rs), served under {@code /api}:
 *
 * <pre>
 * GET /api/users/{id}                    200                    template
 * GET /api/users/{id}/orders/{orderId}   200                    sub-resource locator
 * GET /api/users/{id}/later              200 from another thread (AsyncResponse)
 * GET /api/items/{sku: [A-Z]{3}-[0-9]+}  200                    regular expression
 * GET /api/users/{id}/conflict           409 by an ExceptionMapper
 * GET /api/users/{id}/broken             500, an IllegalStateException no mapper handles
 * </pre>
 */
@ApplicationPath("/api")
public class ShopApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return new HashSet<Class<?>>(Arrays.asList(UsersResource.class, ItemsResource.class, ConflictMapper.class));
    }
}
