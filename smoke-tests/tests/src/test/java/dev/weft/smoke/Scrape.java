package dev.weft.smoke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Prometheus text exposition, for exact assertions on series.
 *
 * <pre>{@code
 * scrape.value("http_server_request_duration_seconds_count",
 *         "http_request_method", "GET", "http_route", "/hello", "http_response_status_code", "200", "error_type", "")
 * }</pre>
 *
 * Label order in the text does not matter; the label set must match exactly. A pair with an
 * empty value, like {@code "error_type", ""} above, asks for the label to be absent, as the PromQL
 * matcher {@code error_type=""} does: the agent writes no empty label values, so a series that
 * carries {@code error_type=""} in the text matches nothing.
 */
public final class Scrape {

    /** One line of the exposition. */
    public static final class Sample {
        public final String name;
        public final Map<String, String> labels;
        public final double value;

        Sample(String name, Map<String, String> labels, double value) {
            this.name = name;
            this.labels = labels;
            this.value = value;
        }

        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Scrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(parse(line));
        }
        return new Scrape(text, Collections.unmodifiableList(samples));
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name.equals(name)) {
                found.add(s);
            }
        }
        return found;
    }

    /** Samples of the name whose labels include all the given pairs. */
    public List<Sample> samplesWith(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        List<Sample> found = new ArrayList<>();
        for (Sample s : samples(name)) {
            boolean all = true;
            for (Map.Entry<String, String> w : wanted.entrySet()) {
                all &= w.getValue().isEmpty() ? !s.labels.containsKey(w.getKey())
                        : w.getValue().equals(s.labels.get(w.getKey()));
            }
            if (all) {
                found.add(s);
            }
        }
        return found;
    }

    public boolean has(String name) {
        return !samples(name).isEmpty();
    }

    /** The value of the series with exactly these labels; fails listing what exists when absent. */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        wanted.values().removeIf(String::isEmpty);
        for (Sample s : samples(name)) {
            if (s.labels.equals(wanted)) {
                return s.value;
            }
        }
        throw new AssertionError("no series " + name + wanted + "; series of that name: " + samples(name));
    }

    private static Map<String, String> pairs(String... labelPairs) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            map.put(labelPairs[i], labelPairs[i + 1]);
        }
        return map;
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // skip ="
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = line.indexOf(' ', i);
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String rest = line.substring(space + 1).trim();
        int end = rest.indexOf(' ');
        String number = end < 0 ? rest : rest.substring(0, end);
        return new Sample(name, Collections.unmodifiableMap(new LinkedHashMap<>(labels)), parseValue(number));
    }

    private static double parseValue(String s) {
        switch (s) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default: return Double.parseDouble(s);
        }
    }
}
