package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final Templates templates = new Templates();

    @Test
    void prefixAndTemplateJoinWithSingleSlashes() {
        assertEquals("/api/users/{id}", templates.route("/api", "/users/{id}"));
        assertEquals("/api/users/{id}", templates.route("/api/", "users/{id}/"));
        assertEquals("/users", templates.route("", "users"));
        assertEquals("/users", templates.route(null, "//users//"));
        assertEquals("/", templates.route("", "/"));
        assertEquals("/", templates.route("", ""));
        assertEquals("/shop", templates.route("/shop", ""));
    }

    @Test
    void variablesLoseTheirRegularExpressions() {
        assertEquals("/users/{id}", templates.route("", "/users/{id: [0-9]+}"));
        assertEquals("/users/{id}", templates.route("", "/users/{ id :[0-9]{1,6}}"));
        assertEquals("/files/{name}.{ext}", templates.route("", "/files/{name:[a-z]+}.{ext}"));
        assertEquals("/a/{x}/b", templates.route("", "/a/{x: (?:[^/]+?)}/b"));
    }

    @Test
    void uriTemplateOperatorsPlaceTheirVariableOrLeaveTheQuery() {
        assertEquals("/search", templates.route("", "/search{?q,limit}"));
        assertEquals("/items/{id}", templates.route("", "/items/{id}{?expand}{&page}"));
        assertEquals("/books/{id}", templates.route("", "/books{/id}"));
        assertEquals("/books/{id}", templates.route("", "/books/{/id}"));
        assertEquals("/{id}", templates.route("", "{/id}"));
        assertEquals("/files/{path}", templates.route("", "/files/{+path}"));
        assertEquals("/report.{format}", templates.route("", "/report{.format}"));
        assertEquals("/doc/{section}", templates.route("", "/doc/{#section}"));
        assertEquals("/map", templates.route("", "/map{;lat,long}"));
        assertEquals("/items/{id}", templates.route("", "/items/{id:[0-9]+}{?q}"));
    }

    @Test
    void anUnclosedVariableEndsTheTemplate() {
        assertEquals("/a/{broken}", templates.route("", "/a/{broken: [0-9]+"));
    }

    @Test
    void parentTemplatesGoBetweenThePrefixAndTheTemplate() {
        assertEquals("/api/users/{id}/orders", templates.route("/api", "/users", "{id}/orders"));
        assertEquals("/api/users/{id}/orders", templates.route("/api", "/users/{id: \\d+}/", "/orders/"));
        assertEquals("/api/users", templates.route("/api", null, "/users"));
    }

    @Test
    void aRouteIsBuiltOncePerPrefixParentAndTemplate() {
        assertSame(templates.route("/api", "/users/{id}"), templates.route("/api", "/users/{id}"));
        assertSame(templates.route("/api", "/users", "{id}"), templates.route("/api", "/users", "{id}"));
    }
}
