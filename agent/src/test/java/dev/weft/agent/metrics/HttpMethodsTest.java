package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpMethodsTest {

    @Test
    void standardMethodsKeepTheirName() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
            assertEquals(method, HttpMethods.NAMES[HttpMethods.index(method)]);
        }
    }

    @Test
    void anythingElseIsOther() {
        assertEquals("_OTHER", HttpMethods.NAMES[HttpMethods.index("BREW")]);
        assertEquals("_OTHER", HttpMethods.NAMES[HttpMethods.index("get")], "methods are case-sensitive");
        assertEquals("_OTHER", HttpMethods.NAMES[HttpMethods.index(null)]);
    }
}
