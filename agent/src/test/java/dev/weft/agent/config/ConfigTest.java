package dev.weft.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.Log;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaults() {
        Config config = Config.defaults();
        assertTrue(config.enabled());
        assertEquals("0.0.0.0", config.host());
        assertEquals(9464, config.port());
        assertEquals("/metrics", config.metricsPath());
        assertEquals(2000, config.maxSeries());
        assertEquals(Log.Level.INFO, config.logLevel());
        assertTrue(config.disabledInstrumentations().isEmpty());
        assertEquals(14, config.durationBuckets().length);
        assertEquals(0.005, config.durationBuckets()[0]);
        assertEquals(10.0, config.durationBuckets()[13]);
    }

    @Test
    void agentArgumentBeatsSystemPropertyBeatsEnvironment() throws Exception {
        Config config = Config.load("port=3", props("weft.port", "2", "weft.host", "127.0.0.2"),
                env("WEFT_PORT", "1", "WEFT_HOST", "127.0.0.3", "WEFT_METRICS_PATH", "/m"));
        assertEquals(3, config.port());
        assertEquals("127.0.0.2", config.host());
        assertEquals("/m", config.metricsPath());
    }

    @Test
    void agentArgumentListsNeedNoQuoting() throws Exception {
        Config config = Config.load("instrumentations.disabled=servlet-javax,servlet-jakarta,port=9000",
                new Properties(), env());
        assertEquals(new LinkedHashSet<>(Arrays.asList("servlet-javax", "servlet-jakarta")), config.disabledInstrumentations());
        assertEquals(9000, config.port());
    }

    @Test
    void badValuesNameTheSettingTheValueAndWhatIsExpected() {
        ConfigException port = assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_PORT", "abc")));
        assertEquals("WEFT_PORT=\"abc\" is not a port number (0-65535)", port.getMessage());
        ConfigException series = assertThrows(ConfigException.class, () -> Config.load(null, props("weft.max.series", "0"), env()));
        assertTrue(series.getMessage().startsWith("weft.max.series=\"0\" is not"), series.getMessage());
        ConfigException arg = assertThrows(ConfigException.class, () -> Config.load("enabled=yes", new Properties(), env()));
        assertEquals("enabled (agent argument)=\"yes\" is not true or false", arg.getMessage());
        ConfigException level = assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_LOG_LEVEL", "loud")));
        assertTrue(level.getMessage().contains("off, error, warn, info, debug"), level.getMessage());
        assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_METRICS_PATH", "metrics")));
        assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_DURATION_BUCKETS", "1,0.5")));
        assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_PORT", "70000")));
        assertThrows(ConfigException.class, () -> Config.load("nonsense", new Properties(), env()));
    }

    @Test
    void routesAreParsedAndABadPatternSaysWhatIsWrong() throws Exception {
        Config config = Config.load("routes=/owners/{id}/pets/{petId},/files/**", new Properties(), env());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> Config.load(null, new Properties(), env("WEFT_ROUTES", "/owners/{id},/files/**/raw")));
        assertEquals("WEFT_ROUTES=\"/owners/{id},/files/**/raw\" is not a comma-separated list of route patterns such as"
                + " /owners/{id},/files/** (\"/files/**/raw\": ** may only be the last segment (for example /files/**))",
                bad.getMessage());
        ConfigException relative = assertThrows(ConfigException.class,
                () -> Config.load(null, props("weft.routes", "owners/{id}"), env()));
        assertTrue(relative.getMessage().startsWith("weft.routes=\"owners/{id}\" is not"), relative.getMessage());
        assertTrue(relative.getMessage().contains("it must start with /"), relative.getMessage());
    }

    @Test
    void unknownNamesInOurNamespaceAreReportedWithASuggestion() throws Exception {
        Config config = Config.load("prot=1", props("weft.hots", "x", "other.setting", "y"),
                env("WEFT_PROT", "1", "PATH", "/bin"));
        assertEquals(3, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("WEFT_PROT ") && w.contains("did you mean WEFT_PORT?")), config.warnings().toString());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("weft.hots ") && w.contains("did you mean weft.host?")), config.warnings().toString());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("prot ") && w.contains("did you mean port?")), config.warnings().toString());
        assertEquals(9464, config.port(), "unknown names change nothing");
        Config far = Config.load(null, new Properties(), env("WEFT_SOMETHING_ELSE", "1"));
        assertEquals("WEFT_SOMETHING_ELSE is not a Weft setting and is ignored (environment variable)."
                + " Settings are listed in docs/configuration.md", far.warnings().get(0));
    }

    @Test
    void valuesAreCaseInsensitiveWhereThatIsHarmless() throws Exception {
        Config config = Config.load(null, new Properties(), env("WEFT_ENABLED", "FALSE", "WEFT_LOG_LEVEL", "Debug"));
        assertFalse(config.enabled());
        assertEquals(Log.Level.DEBUG, config.logLevel());
    }

    @Test
    void editDistance() {
        assertEquals(0, Config.editDistance("a", "a"));
        assertEquals(2, Config.editDistance("WEFT_PROT", "WEFT_PORT"));
        assertEquals(3, Config.editDistance("", "abc"));
        assertEquals(Collections.emptyList(), Config.defaults().warnings());
    }
}
