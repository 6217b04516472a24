package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UserRoutesTest {

    private static UserRoutes routes(String... patterns) {
        return UserRoutes.parse(Arrays.asList(patterns));
    }

    @Test
    void variablesMatchOneSegmentAndLiteralsMatchExactly() {
        UserRoutes routes = routes("/owners/{id}/pets/{petId}", "/owners/{id}");
        assertEquals("/owners/{id}/pets/{petId}", routes.match("/owners/7/pets/3"));
        assertEquals("/owners/{id}", routes.match("/owners/7"));
        assertEquals("/owners/{id}", routes.match("/owners/7/"), "a trailing slash is ignored");
        assertEquals("/owners/{id}", routes.match("/owners//7?x=1"), "empty segments and the query are ignored");
        assertNull(routes.match("/owners/7/visits"));
        assertNull(routes.match("/Owners/7"), "literals are case-sensitive");
        assertNull(routes.match("/owners"), "a variable needs a segment");
    }

    @Test
    void doubleStarMatchesTheRestIncludingNothing() {
        UserRoutes routes = routes("/files/**");
        assertEquals("/files/**", routes.match("/files/a/b/c.txt"));
        assertEquals("/files/**", routes.match("/files"));
        assertNull(routes.match("/filesystem"));
        assertEquals("/**", routes("/**").match("/anything/at/all"));
    }

    @Test
    void theFirstMatchingPatternInTheGivenOrderWins() {
        assertEquals("/api/{what}/{id}", routes("/api/{what}/{id}", "/api/users/{id}").match("/api/users/7"));
        assertEquals("/api/users/{id}", routes("/api/users/{id}", "/api/{what}/{id}").match("/api/users/7"));
    }

    @Test
    void theRootAndATrailingSlashInThePattern() {
        assertEquals("/", routes("/").match("/"));
        assertEquals("/", routes("/").match(""));
        assertNull(routes("/").match("/a"));
        assertEquals("/owners", routes("/owners/").match("/owners"));
    }

    @Test
    void pathParametersAreNotPartOfASegment() {
        assertEquals("/cart/{id}", routes("/cart/{id}").match("/cart/42;jsessionid=ABC"));
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertEquals("\"owners/{id}\": it must start with / (for example /owners/{id})",
                assertThrows(IllegalArgumentException.class, () -> routes("owners/{id}")).getMessage());
        assertEquals("\"/files/**/raw\": ** may only be the last segment (for example /files/**)",
                assertThrows(IllegalArgumentException.class, () -> routes("/files/**/raw")).getMessage());
        assertEquals("\"/a//b\": it has an empty segment (//)",
                assertThrows(IllegalArgumentException.class, () -> routes("/a//b")).getMessage());
        assertEquals("\"/files/*.png\": {name} and ** must fill a whole segment (\"*.png\" mixes them with text)",
                assertThrows(IllegalArgumentException.class, () -> routes("/files/*.png")).getMessage());
        assertEquals("\"/a/{}\": a variable is {name} with letters, digits or _ in the name, and fills a whole segment",
                assertThrows(IllegalArgumentException.class, () -> routes("/a/{}")).getMessage());
        assertEquals("\"/a?b=1\": it may hold path segments only: no query, spaces or ;",
                assertThrows(IllegalArgumentException.class, () -> routes("/a?b=1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> routes("/a/{id:[0-9]+}"));
        assertThrows(IllegalArgumentException.class, () -> routes("/a/pre{id}"));
    }
}
