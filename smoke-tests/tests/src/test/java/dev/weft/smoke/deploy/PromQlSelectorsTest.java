package dev.weft.smoke.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The selector extraction the dashboard checks rely on. */
class PromQlSelectorsTest {

    @Test
    void findsSelectorsAndSkipsFunctionsGroupingKeywordsAndDurations() {
        String expr = "(sum by (http_route) (rate(a_count{x=~\"5..\",y=\"\"}[5m])) or 0 * sum by (http_route) (rate(a_count[5m])))"
                + " / on (job) group_left (version) max without (le) (b_total offset 2m) > bool 0.5"
                + " unless histogram_quantile(0.95, sum(rate(c_bucket{le!=\"+Inf\", z!~\"a\\\"b\"}[1m]))) and time() - vector(1e3)";
        List<PromQlSelectors.Selector> selectors = PromQlSelectors.of(expr);
        assertEquals(List.of("a_count", "a_count", "b_total", "c_bucket"),
                selectors.stream().map(s -> s.metric).collect(Collectors.toList()));
        assertEquals("[x=~\"5..\", y=\"\"]", selectors.get(0).matchers.toString());
        assertEquals("[le!=\"+Inf\", z!~\"a\\\"b\"]", selectors.get(3).matchers.toString());
    }

    @Test
    void groupingLabelsComeFromByOnAndGroupModifiers() {
        assertEquals(Set.of("http_route", "le", "job", "version"),
                PromQlSelectors.groupingLabels("sum by (http_route, le) (x) / on (job) group_left(version) max without (gc) (y)"));
    }

    @Test
    void matchersAreAnchoredAndTreatMissingLabelsAsEmpty() {
        PromQlSelectors.Selector s = PromQlSelectors.of("m{code=~\"5..\",error_type=\"\",job=~\"shop\"}").get(0);
        assertTrue(s.matches(Map.of("code", "503"), Set.of("job")));
        assertFalse(s.matches(Map.of("code", "1503"), Set.of("job")), "regex matchers match the whole value");
        assertFalse(s.matches(Map.of("code", "500", "error_type", "500"), Set.of("job")));
        assertFalse(s.matches(Map.of("code", "500"), Set.of()), "job is only ignored when asked");
    }
}
