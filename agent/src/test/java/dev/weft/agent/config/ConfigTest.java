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
    void badValuesNameTheSettingTheValueAndWhatIsExpected() throws Exception {
        ConfigException port = assertThrows(ConfigException.class, () -> Config.load(null, new Properties(), env("WEFT_PORT", "abc")));
        assertEquals("WEFT_PORT=\"abc\" is not a port number (0-65535)", port.getMessage());
        ConfigException series = assertThrows(ConfigException.class, () -> Config.load(null, props("weft.max.series", "0"), env()));
        assertTrue(series.getMessage().startsWith("weft.max.series=\"0\" is not"), series.getMessage());
        ConfigException arg = assertThrows(ConfigException.class, () -> Config.load("enabled=yes", new Properties(), env()));
        assertEquals("enabled (agent argument)=\"yes\" is not true or false", arg.getMessage());
        ConfigException shape = assertThrows(ConfigException.class,
                () -> Config.load(null, new Properties(), env("WEFT_HISTOGRAMS", "exponential")));
        assertEquals("WEFT_HISTOGRAMS=\"exponential\" is not classic, native or both", shape.getMessage());
        ConfigException created = assertThrows(ConfigException.class,
                () -> Config.load("created.timestamps=on", new Properties(), env()));
        assertEquals("created.timestamps (agent argument)=\"on\" is not true or false", created.getMessage());
        assertEquals(Histograms.CLASSIC, Config.defaults().histograms());
        assertEquals(Histograms.NATIVE, Config.load(null, props("weft.histograms", "Native"), env()).histograms());
        assertTrue(!Config.defaults().createdTimestamps());
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

    // ---- endpoint security settings ----

    private static String error(String args, Properties props, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.load(args, props, env)).getMessage();
    }

    @Test
    void noAuthAndNoTlsByDefault() {
        Config config = Config.defaults();
        assertEquals(null, config.authUser());
        assertEquals(null, config.authPassword());
        assertEquals(null, config.tlsKeystore());
        assertEquals(null, config.tlsTruststore());
        assertFalse(config.isSet(Setting.AUTH_USER));
    }

    @Test
    void authFromTheEnvironment() throws Exception {
        Config config = Config.load(null, new Properties(), env("WEFT_AUTH_USER", "prom", "WEFT_AUTH_PASSWORD", "pw"));
        assertEquals("prom", config.authUser());
        assertEquals("pw", config.authPassword());
    }

    @Test
    void passwordFileLosesItsTrailingNewlineOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("password");
        java.nio.file.Files.write(file, " two words \r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Config config = Config.load(null, props("weft.auth.password.file", file.toString()), env("WEFT_AUTH_USER", "u"));
        assertEquals(" two words ", config.authPassword());
    }

    @Test
    void halfConfiguredAuthIsAnErrorThatNeverShowsThePassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertEquals("WEFT_AUTH_USER is set but neither WEFT_AUTH_PASSWORD nor WEFT_AUTH_PASSWORD_FILE is;"
                + " WEFT_AUTH_USER needs a password", error(null, new Properties(), env("WEFT_AUTH_USER", "u")));
        assertEquals("weft.auth.user is set but neither weft.auth.password nor weft.auth.password.file is;"
                + " weft.auth.user needs a password", error(null, props("weft.auth.user", "u"), env()));
        String noUser = error(null, new Properties(), env("WEFT_AUTH_PASSWORD", "hunter2"));
        assertEquals("WEFT_AUTH_PASSWORD is set but WEFT_AUTH_USER is not; set both or neither", noUser);
        String both = error(null, new Properties(), env("WEFT_AUTH_USER", "u", "WEFT_AUTH_PASSWORD", "hunter2",
                "WEFT_AUTH_PASSWORD_FILE", "/etc/pw"));
        assertFalse(both.contains("hunter2"), both);
        assertTrue(both.contains("WEFT_AUTH_PASSWORD and WEFT_AUTH_PASSWORD_FILE are both set"), both);
        assertTrue(error(null, new Properties(), env("WEFT_AUTH_USER", "u", "WEFT_AUTH_PASSWORD", ""))
                .startsWith("WEFT_AUTH_PASSWORD is empty"));
        assertEquals("WEFT_AUTH_USER=\"a:b\" is not a user name (not empty, no colon)",
                error(null, new Properties(), env("WEFT_AUTH_USER", "a:b", "WEFT_AUTH_PASSWORD", "hunter2")));
        String missing = dir.resolve("missing").toString();
        assertEquals("WEFT_AUTH_PASSWORD_FILE=\"" + missing + "\" cannot be read (NoSuchFileException)",
                error(null, new Properties(), env("WEFT_AUTH_USER", "u", "WEFT_AUTH_PASSWORD_FILE", missing)));
        java.nio.file.Path empty = java.nio.file.Files.write(dir.resolve("empty"), "\n".getBytes());
        assertTrue(error("auth.user=u,auth.password.file=" + empty, new Properties(), env())
                .startsWith("auth.password.file (agent argument)=\"" + empty + "\" is an empty file"));
    }

    @Test
    void tlsSettings() throws Exception {
        Config config = Config.load(null, new Properties(), env("WEFT_TLS_KEYSTORE", "/k.p12",
                "WEFT_TLS_KEYSTORE_PASSWORD", "pw", "WEFT_TLS_TRUSTSTORE", "/t.jks", "WEFT_TLS_TRUSTSTORE_TYPE", "jks",
                "WEFT_TLS_TRUSTSTORE_PASSWORD", "tpw"));
        assertEquals("/k.p12", config.tlsKeystore());
        assertEquals("PKCS12", config.tlsKeystoreType());
        assertEquals("pw", config.tlsKeystorePassword());
        assertEquals("/t.jks", config.tlsTruststore());
        assertEquals("JKS", config.tlsTruststoreType());
        assertEquals("tpw", config.tlsTruststorePassword());
    }

    @Test
    void halfConfiguredTlsIsAnError() {
        assertEquals("WEFT_TLS_KEYSTORE is set but neither WEFT_TLS_KEYSTORE_PASSWORD nor"
                + " WEFT_TLS_KEYSTORE_PASSWORD_FILE is; WEFT_TLS_KEYSTORE needs a password",
                error(null, new Properties(), env("WEFT_TLS_KEYSTORE", "/k.p12")));
        assertEquals("WEFT_TLS_KEYSTORE_TYPE=\"pem\" is not a keystore type (PKCS12 or JKS)",
                error(null, new Properties(), env("WEFT_TLS_KEYSTORE", "/k", "WEFT_TLS_KEYSTORE_PASSWORD", "p",
                        "WEFT_TLS_KEYSTORE_TYPE", "pem")));
        assertEquals("WEFT_TLS_TRUSTSTORE is set but WEFT_TLS_KEYSTORE is not; mutual TLS needs the server's own"
                + " keystore too", error(null, new Properties(), env("WEFT_TLS_TRUSTSTORE", "/t",
                        "WEFT_TLS_TRUSTSTORE_PASSWORD", "p")));
        assertEquals("WEFT_TLS_KEYSTORE_TYPE is set but WEFT_TLS_KEYSTORE is not; set both or neither",
                error(null, new Properties(), env("WEFT_TLS_KEYSTORE_TYPE", "JKS")));
        assertTrue(error(null, new Properties(), env("WEFT_TLS_KEYSTORE", "")).startsWith("WEFT_TLS_KEYSTORE=\"\" is not a file path"));
    }

    @Test
    void endpointLimitsAndCache() throws Exception {
        Config defaults = Config.defaults();
        assertEquals(256, defaults.maxConnections());
        assertEquals(32, defaults.maxConnectionsPerAddress());
        assertEquals(90, defaults.idleTimeoutSeconds());
        assertEquals(10, defaults.scrapeRenderRate());
        Config set = Config.load("scrape.render.rate=2", new Properties(), env("WEFT_ENDPOINT_MAX_CONNECTIONS", "10",
                "WEFT_ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS", "2", "WEFT_ENDPOINT_IDLE_TIMEOUT", "300"));
        assertEquals(10, set.maxConnections());
        assertEquals(2, set.maxConnectionsPerAddress());
        assertEquals(300, set.idleTimeoutSeconds());
        assertEquals(2, set.scrapeRenderRate());
        assertEquals("WEFT_ENDPOINT_MAX_CONNECTIONS=\"0\" is not a connection count (1-100000)",
                error(null, new Properties(), env("WEFT_ENDPOINT_MAX_CONNECTIONS", "0")));
        assertEquals("WEFT_SCRAPE_RENDER_RATE=\"0\" is not a number of renderings a second (1-1000)",
                error(null, new Properties(), env("WEFT_SCRAPE_RENDER_RATE", "0")));
    }

    @Test
    void pemTlsAndItsPolicies() throws Exception {
        Config pem = Config.load(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/tls.crt", "WEFT_TLS_KEY_FILE",
                "/tls.key", "WEFT_TLS_CLIENT_CA_FILE", "/ca.crt", "WEFT_TLS_MIN_VERSION", "1.3",
                "WEFT_TLS_CLIENT_ALLOWED_NAMES", "prometheus.monitoring, 10.0.0.7"));
        assertTrue(pem.tls());
        assertEquals("TLSv1.3", pem.tlsMinVersion());
        assertEquals("require", pem.tlsClientAuth(), "a CA file means client certificates are required");
        assertEquals(java.util.Arrays.asList("prometheus.monitoring", "10.0.0.7"), pem.tlsClientAllowedNames());
        assertEquals("TLSv1.2", Config.load(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c",
                "WEFT_TLS_KEY_FILE", "/k")).tlsMinVersion());
        assertEquals("WEFT_TLS_CERT_FILE is set but WEFT_TLS_KEY_FILE is not; set both or neither",
                error(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c")));
        assertEquals("WEFT_TLS_MIN_VERSION=\"TLSv1.1\" is not a TLS version Weft accepts as the minimum (TLSv1.2 or"
                + " TLSv1.3)", error(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c", "WEFT_TLS_KEY_FILE", "/k",
                        "WEFT_TLS_MIN_VERSION", "TLSv1.1")));
        assertTrue(error(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c", "WEFT_TLS_KEY_FILE", "/k",
                "WEFT_TLS_CIPHER_SUITES", "AES128-SHA")).startsWith("WEFT_TLS_CIPHER_SUITES=\"AES128-SHA\" is not a"
                + " comma-separated list of cipher suite names"));
        assertTrue(error(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c", "WEFT_TLS_KEY_FILE", "/k",
                "WEFT_TLS_CLIENT_AUTH", "require")).startsWith("WEFT_TLS_CLIENT_AUTH=\"require\" needs the"
                + " certificates that client certificates are checked against"));
        assertTrue(error(null, new Properties(), env("WEFT_TLS_CERT_FILE", "/c", "WEFT_TLS_KEY_FILE", "/k",
                "WEFT_TLS_CLIENT_ALLOWED_NAMES", "x")).startsWith("WEFT_TLS_CLIENT_ALLOWED_NAMES is set but clients"
                + " send no certificate"));
        assertEquals("WEFT_TLS_MIN_VERSION is set but TLS is off; set WEFT_TLS_CERT_FILE and WEFT_TLS_KEY_FILE, or"
                + " WEFT_TLS_KEYSTORE, too", error(null, new Properties(), env("WEFT_TLS_MIN_VERSION", "1.3")));
        assertEquals("WEFT_TLS_KEYSTORE and WEFT_TLS_CERT_FILE are both set; set one of them",
                error(null, new Properties(), env("WEFT_TLS_KEYSTORE", "/k.p12", "WEFT_TLS_KEYSTORE_PASSWORD", "p",
                        "WEFT_TLS_CERT_FILE", "/c", "WEFT_TLS_KEY_FILE", "/k")));
    }
}
