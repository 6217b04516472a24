package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aKnownMappingReturnsTheCachedString() {
        assertSame(routes.mapped("/shop", "/api/*"), routes.mapped("/shop", "/api/*"));
    }

    @Test
    void notFoundFromTheDefaultServletIsOneValue() {
        assertEquals(Routes.UNMATCHED, routes.path("", "/wp-login.php", 404));
        assertEquals(Routes.UNMATCHED, routes.path("/shop", "/anything/else", 404));
    }

    @Test
    void idLikeSegmentsAreReplaced() {
        assertEquals("/users/{id}/orders/{id}", Routes.normalise("/users/42/orders/7"));
        assertEquals("/files/{id}", Routes.normalise("/files/3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        assertEquals("/blobs/{id}", Routes.normalise("/blobs/9f86d081884c7d659a2feaa0c55ad015"));
        assertEquals("/s/{id}", Routes.normalise("/s/aZ3kL9qPx2Vb7Nw4"));
        assertEquals("/static/app.css", Routes.normalise("/static/app.css"));
        assertEquals("/user-settings-page", Routes.normalise("/user-settings-page"));
    }

    @Test
    void deepPathsAreCutAtFourSegments() {
        assertEquals("/a/b/c/d/**", Routes.normalise("/a/b/c/d/e/f"));
        assertEquals("/a/b/c/d", Routes.normalise("/a/b/c/d"));
    }

    @Test
    void emptyAndDoubledSlashesCollapse() {
        assertEquals("/", Routes.normalise(""));
        assertEquals("/", Routes.normalise("/"));
        assertEquals("/a/b", Routes.normalise("//a//b/"));
    }

    @Test
    void defaultServletPathsKeepTheirContext() {
        assertEquals("/shop/img/{id}", routes.path("/shop", "/img/12345", 200));
    }

    @Test
    void idDetection() {
        assertTrue(Routes.isIdLike("12345", 0, 5));
        assertTrue(Routes.isIdLike("x".repeat(65), 0, 65));
        assertFalse(Routes.isIdLike("orders", 0, 6));
        assertFalse(Routes.isIdLike("v2", 0, 2));
        assertFalse(Routes.isIdLike("abcdefghijklmnopq", 0, 17), "letters only: a word, not a token");
    }
}
