package dev.weft.agent.page;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.util.Collections;
import java.util.Properties;

/**
 * Requests recorded through the agent's real recorders, with chosen durations: the start is moved
 * back by the duration, so each lands in a known bucket (durations sit well inside their buckets,
 * so a slow test machine cannot move them).
 */
final class Traffic {

    static final long MS = 1_000_000L;

    private Traffic() {}

    static Metrics metrics(String... settings) {
        Properties p = new Properties();
        for (String s : settings) {
            int eq = s.indexOf('=');
            p.setProperty("weft." + s.substring(0, eq), s.substring(eq + 1));
        }
        try {
            return new Metrics(Config.load(null, p, Collections.<String, String>emptyMap()), "test",
                    new InstrumentationStats());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void served(Metrics metrics, String method, String route, int status, long millis, int times) {
        for (int i = 0; i < times; i++) {
            long start = metrics.server().start(method);
            metrics.server().end(start - millis * MS, method, route, status, null, -1, -1);
        }
    }

    static void called(Metrics metrics, String host, int port, int status, long millis, int times) {
        for (int i = 0; i < times; i++) {
            long start = metrics.client().start("GET", host, port);
            metrics.client().end(start - millis * MS, "GET", host, port, status, null);
        }
    }
}
