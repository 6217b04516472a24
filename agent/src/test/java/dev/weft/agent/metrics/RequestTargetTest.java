package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void anOriginFormPathIsItself() {
        String path = "/items/7";
        assertSame(path, RequestTarget.path(path));
    }

    @Test
    void theQueryAndFragmentGo() {
        assertEquals("/items/7", RequestTarget.path("/items/7?full=1&x=2"));
        assertEquals("/items/7", RequestTarget.path("/items/7#top"));
        assertEquals("/", RequestTarget.path("/?q=1"));
    }

    @Test
    void anAbsoluteTargetKeepsOnlyItsPath() {
        assertEquals("/items/7", RequestTarget.path("http://example.com:8080/items/7?x=1"));
        assertEquals("/", RequestTarget.path("http://example.com"));
    }

    @Test
    void aTargetWithoutAPathIsTheRoot() {
        assertEquals("/", RequestTarget.path("*"));
        assertEquals("/", RequestTarget.path("example.com:443"));
        assertEquals("/", RequestTarget.path(""));
        assertEquals("/", RequestTarget.path(null));
    }

    @Test
    void routesOfRawTargetsAreTheRoutesOfTheirPaths() {
        Routes routes = new Routes();
        assertEquals(routes.path("", "/img/12345", 200), routes.path("", "/img/12345?size=large", 200));
        assertEquals(routes.path("", "/img/12345", 200), routes.path("", "http://h/img/12345", 200));
    }
}
