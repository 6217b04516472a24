package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = new Routes();

    @Test
    void mappedPatternsGetTheContextPathInFront() {
        assertEquals("/hello", routes.mapped("", "/hello"));
        assertEquals("/shop/api/*", routes.mapped("/shop", "/api/*"));
        assertEquals("/shop/*.jsp", routes.mapped("/shop", "*.jsp"));
        assertEquals("/", routes.mapped("", ""));
        assertEquals("/shop", routes.mapped("/shop", ""));
    }

    @Test
    void aKnownMappingOrPathReturnsTheCachedString() {
        assertSame(routes.mapped("/shop", "/api/*"), routes.mapped("/shop", "/api/*"));
        assertSame(routes.path("", "/img/12345", 200), routes.path("", "/img/12345", 200));
    }

    @Test
    void notFoundAndMethodNotAllowedFromTheDefaultServletAreOneValue() {
        assertEquals(Routes.UNMATCHED, routes.path("", "/wp-login.php", 404));
        assertEquals(Routes.UNMATCHED, routes.path("/shop", "/anything/else", 404));
        assertEquals(Routes.UNMATCHED, routes.path("", "/index.html", 405));
        routes.path("", "/cached", 200);
        assertEquals(Routes.UNMATCHED, routes.path("", "/cached", 404), "a cached path that now misses");
    }

    @Test
    void defaultServletPathsKeepTheirContext() {
        assertEquals("/shop/img/{id}", routes.path("/shop", "/img/12345", 200));
        assertEquals("/shop", routes.path("/shop", "/", 200));
    }

    @Test
    void userRoutesWinOverTheHeuristicAndTheContextPathIsInFront() {
        Routes withUser = new Routes(UserRoutes.parse(Arrays.asList("/catalog/{sku}", "/files/**")));
        assertEquals("/shop/catalog/{sku}", withUser.path("/shop", "/catalog/shoes-red", 200));
        assertEquals("/files/**", withUser.path("", "/files/2024/report.pdf", 404), "a user route names a 404 too");
        assertEquals("/orders/{id}", withUser.path("", "/orders/77", 200));
    }
}
