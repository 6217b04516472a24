package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentCollapseTest {

    @Test
    void theFirstWordsOfAPositionKeepTheirNameAndLaterOnesFold() {
        SegmentCollapse collapse = new SegmentCollapse(3);
        assertEquals("/app/api/items/{id}", collapse.collapse("", "/app/api/items/{id}"));
        assertEquals("/app/cart/{id}", collapse.collapse("", "/app/cart/{id}"));
        assertEquals("/app/alice/{id}", collapse.collapse("", "/app/alice/{id}"));
        assertEquals("/app/{*}/{id}", collapse.collapse("", "/app/bob/{id}"));
        assertEquals("/app/{*}/x", collapse.collapse("", "/app/carol/x"));
        // decisions stay: a kept word is kept later too, a folded one stays folded
        assertEquals("/app/alice/{id}", collapse.collapse("", "/app/alice/{id}"));
        assertEquals("/app/{*}/{id}", collapse.collapse("", "/app/bob/{id}"));
        // "/app" itself was one word at the root; other words at the root are counted there
        assertEquals("/static/app.js", collapse.collapse("", "/static/app.js"));
    }

    @Test
    void placeholdersDoNotCountAndUnchangedRoutesAreReturnedAsTheyAre() {
        SegmentCollapse collapse = new SegmentCollapse(1);
        String route = "/users/{id}/orders/{id}";
        assertSame(route, collapse.collapse("", route));
        assertEquals("/users/{id}/orders/{id}/**", collapse.collapse("", "/users/{id}/orders/{id}/**"));
        assertEquals("/users/{id}/{*}/{id}", collapse.collapse("", "/users/{id}/pets/{id}"));
        assertEquals("/", collapse.collapse("", "/"));
    }

    @Test
    void eachContextPathHasItsOwnLimit() {
        SegmentCollapse collapse = new SegmentCollapse(1);
        assertEquals("/a", collapse.collapse("/shop", "/a"));
        assertEquals("/{*}", collapse.collapse("/shop", "/b"));
        assertEquals("/b", collapse.collapse("/admin", "/b"));
    }

    @Test
    void zeroTurnsFoldingOff() {
        SegmentCollapse collapse = new SegmentCollapse(0);
        for (int i = 0; i < 50; i++) {
            assertEquals("/w" + (char) ('a' + i % 26) + i, collapse.collapse("", "/w" + (char) ('a' + i % 26) + i));
        }
    }

    @Test
    void randomWordsUnderACatchAllGiveAHandfulOfRoutes() {
        SegmentCollapse collapse = new SegmentCollapse(SegmentCollapse.DEFAULT_VALUES);
        Random random = new Random(17);
        Set<String> routes = new HashSet<>();
        routes.add(collapse.collapse("", "/app/api/items/{id}"));
        for (int i = 0; i < 20_000; i++) {
            routes.add(collapse.collapse("", "/app/" + word(random) + "/" + word(random) + "/" + word(random)));
        }
        assertEquals("/app/api/items/{id}", collapse.collapse("", "/app/api/items/{id}"));
        assertTrue(routes.size() < 40, routes.size() + " routes: " + routes);
        assertTrue(routes.contains("/app/{*}/{*}/{*}"), routes.toString());
    }

    @Test
    void theTreeIsBoundedAsAWhole() {
        SegmentCollapse collapse = new SegmentCollapse(1000);
        Random random = new Random(3);
        Set<String> routes = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            routes.add(collapse.collapse("", "/" + word(random) + "/" + word(random)));
        }
        // at most MAX_NODES words were kept, each ending at most one route; the rest share folded ones
        assertTrue(routes.size() <= SegmentCollapse.MAX_NODES + 1001, routes.size() + " routes");
        assertTrue(routes.contains("/{*}/{*}"), "past the bound every new word folds");
    }

    private static String word(Random random) {
        char[] letters = new char[5 + random.nextInt(5)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }
}
