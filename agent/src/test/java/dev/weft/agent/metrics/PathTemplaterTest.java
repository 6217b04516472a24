package dev.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heuristic against {@code route-corpus.tsv}: every path gets exactly the template a person
 * wrote for it, or, for the rows marked {@code MISS}, exactly the recorded different output.
 */
class PathTemplaterTest {

    /** One corpus row. */
    private static final class Row {
        final int line;
        final String path;
        final String human;
        final String miss;

        Row(int line, String path, String human, String miss) {
            this.line = line;
            this.path = path;
            this.human = human;
            this.miss = miss;
        }
    }

    private static List<Row> corpus() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PathTemplaterTest.class.getResourceAsStream("/route-corpus.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.startsWith("#") || line.trim().isEmpty()) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                String miss = null;
                if (columns.length == 3) {
                    assertTrue(columns[2].startsWith("MISS "), "line " + number + ": third column is MISS <output>");
                    miss = columns[2].substring(5);
                } else {
                    assertEquals(2, columns.length, "line " + number + ": path<TAB>template");
                }
                rows.add(new Row(number, columns[0], columns[1], miss));
            }
        }
        return rows;
    }

    @Test
    void theCorpusIsTemplatedAsAPersonWouldExceptTheListedMisses() throws IOException {
        List<Row> rows = corpus();
        List<String> failures = new ArrayList<>();
        int agreed = 0;
        for (Row row : rows) {
            String actual = PathTemplater.template(row.path);
            String expected = row.miss == null ? row.human : row.miss;
            if (!expected.equals(actual)) {
                failures.add("line " + row.line + ": " + row.path + " -> " + actual + " (expected " + expected + ")");
            }
            if (row.miss == null) {
                agreed++;
            } else if (row.miss.equals(row.human)) {
                failures.add("line " + row.line + ": a MISS must differ from the person's template");
            }
        }
        System.out.println("route corpus: " + rows.size() + " paths, " + agreed + " templated as a person would");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(rows.size() >= 200, "corpus size " + rows.size());
    }

    @Test
    void noTemplateOfTheCorpusKeepsARunOfFourOrMoreDigits() throws IOException {
        for (Row row : corpus()) {
            String template = PathTemplater.template(row.path);
            assertFalse(template.matches(".*[0-9]{4,}.*"), row.path + " -> " + template);
        }
    }

    @Test
    void depthIsLimitedAndTheQueryDropped() {
        assertEquals("/a/b/c/d/e/f/**", PathTemplater.template("/a/b/c/d/e/f/g/h"));
        assertEquals("/a/b/c/d/e/f", PathTemplater.template("/a/b/c/d/e/f"));
        assertEquals("/search", PathTemplater.template("/search?q=12345"));
    }

    @Test
    void aLongSegmentIsAnIdWhateverItHolds() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            words.append("word-");
        }
        assertEquals("/x/{id}", PathTemplater.template("/x/" + words));
    }
}
