package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ServletPrefixesTest {

    @Test
    void eachKindOfMappingHasItsPrefix() {
        ServletPrefixes prefixes = new ServletPrefixes();
        assertEquals("/api", prefixes.of("/api/*"));
        assertEquals("/hello", prefixes.of("/hello"), "exact");
        assertEquals("", prefixes.of("/"), "default servlet");
        assertEquals("", prefixes.of("*.jsp"), "extension");
        assertEquals("", prefixes.of(""), "context root");
        assertEquals("", prefixes.of(null));
    }

    @Test
    void aPatternIsWorkedOutOnce() {
        ServletPrefixes prefixes = new ServletPrefixes();
        assertSame(prefixes.of("/api/*"), prefixes.of("/api/*"));
    }
}
