package dev.weft.agent.config;

import dev.weft.agent.Log;
import dev.weft.agent.metrics.UserRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The agent's settings, read once at start-up from agent arguments, system properties and the
 * environment (first found wins, see {@link Setting}).
 *
 * <pre>{@code
 * Config config = Config.load(agentArgs, System.getProperties(), System.getenv());
 * config.port();  // 9464 unless configured
 * }</pre>
 *
 * A value that does not parse throws a {@link ConfigException} whose message reads like
 * {@code WEFT_PORT="abc" is not a port number (0-65535)}: the caller disables the agent and the
 * application starts without it. Names that look like Weft settings but are not one are collected
 * as {@link #warnings()}, since they are most likely typos.
 */
public final class Config {

    private final boolean enabled;
    private final String host;
    private final int port;
    private final String metricsPath;
    private final Set<String> disabledInstrumentations;
    private final Log.Level logLevel;
    private final int maxSeries;
    private final int routeSegmentValues;
    private final UserRoutes routes;
    private final double[] durationBuckets;
    private final double[] sizeBuckets;
    private final Histograms histograms;
    private final boolean createdTimestamps;
    private final boolean exemplars;
    private final boolean utf8Names;
    private final List<String> warnings;
    private final String authUser;
    private final String authPassword;
    private final String tlsKeystore;
    private final String tlsKeystorePassword;
    private final String tlsKeystoreType;
    private final String tlsTruststore;
    private final String tlsTruststorePassword;
    private final String tlsTruststoreType;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int idleTimeoutSeconds;
    private final int scrapeRenderRate;
    private final String authUsersFile;
    private final String tlsCertFile;
    private final String tlsKeyFile;
    private final String tlsClientCaFile;
    private final String tlsMinVersion;
    private final List<String> tlsCipherSuites;
    private final String tlsClientAuth;
    private final List<String> tlsClientAllowedNames;
    private final Values values;

    private Config(Values values, List<String> warnings) throws ConfigException {
        this.values = values;
        this.enabled = values.bool(Setting.ENABLED);
        this.host = values.host(Setting.HOST);
        this.port = values.intIn(Setting.PORT, 0, 65535, "a port number (0-65535)");
        this.metricsPath = values.path(Setting.METRICS_PATH);
        this.disabledInstrumentations = Collections.unmodifiableSet(new LinkedHashSet<String>(values.list(Setting.INSTRUMENTATIONS_DISABLED)));
        this.logLevel = values.logLevel(Setting.LOG_LEVEL);
        this.maxSeries = values.intIn(Setting.MAX_SERIES, 1, 1_000_000, "a series count (1-1000000)");
        this.routeSegmentValues = values.intIn(Setting.ROUTE_SEGMENT_VALUES, 0, 1000, "a count of words (0-1000, 0 turns folding off)");
        this.routes = values.routes(Setting.ROUTES);
        this.durationBuckets = values.buckets(Setting.DURATION_BUCKETS);
        this.sizeBuckets = values.buckets(Setting.SIZE_BUCKETS);
        this.histograms = values.histograms(Setting.HISTOGRAMS);
        this.createdTimestamps = values.bool(Setting.CREATED_TIMESTAMPS);
        this.exemplars = values.bool(Setting.EXEMPLARS);
        this.utf8Names = values.bool(Setting.UTF8_NAMES);
        this.warnings = Collections.unmodifiableList(warnings);
        this.authUser = values.user(Setting.AUTH_USER);
        this.authPassword = values.secret(Setting.AUTH_PASSWORD, Setting.AUTH_PASSWORD_FILE, Setting.AUTH_USER);
        this.tlsKeystore = values.file(Setting.TLS_KEYSTORE);
        this.tlsKeystorePassword = values.secret(Setting.TLS_KEYSTORE_PASSWORD, Setting.TLS_KEYSTORE_PASSWORD_FILE,
                Setting.TLS_KEYSTORE);
        this.tlsKeystoreType = values.storeType(Setting.TLS_KEYSTORE_TYPE, Setting.TLS_KEYSTORE);
        this.tlsCertFile = values.file(Setting.TLS_CERT_FILE);
        this.tlsKeyFile = values.file(Setting.TLS_KEY_FILE);
        values.together(Setting.TLS_CERT_FILE, Setting.TLS_KEY_FILE);
        values.notBoth(Setting.TLS_KEYSTORE, Setting.TLS_CERT_FILE);
        boolean tls = tlsKeystore != null || tlsCertFile != null;
        this.tlsTruststore = values.file(Setting.TLS_TRUSTSTORE);
        this.tlsClientCaFile = values.file(Setting.TLS_CLIENT_CA_FILE);
        values.notBoth(Setting.TLS_TRUSTSTORE, Setting.TLS_CLIENT_CA_FILE);
        if (!tls && tlsTruststore != null) {
            throw new ConfigException(values.name(Setting.TLS_TRUSTSTORE) + " is set but "
                    + values.nameLike(Setting.TLS_KEYSTORE, Setting.TLS_TRUSTSTORE)
                    + " is not; mutual TLS needs the server's own keystore too");
        }
        for (Setting s : new Setting[] {Setting.TLS_CLIENT_CA_FILE, Setting.TLS_MIN_VERSION,
                Setting.TLS_CIPHER_SUITES, Setting.TLS_CLIENT_AUTH, Setting.TLS_CLIENT_ALLOWED_NAMES}) {
            if (!tls && values.given(s)) {
                throw new ConfigException(values.name(s) + " is set but TLS is off; set "
                        + values.nameLike(Setting.TLS_CERT_FILE, s) + " and " + values.nameLike(Setting.TLS_KEY_FILE, s)
                        + ", or " + values.nameLike(Setting.TLS_KEYSTORE, s) + ", too");
            }
        }
        this.tlsMinVersion = values.tlsVersion(Setting.TLS_MIN_VERSION);
        this.tlsCipherSuites = Collections.unmodifiableList(values.suites(Setting.TLS_CIPHER_SUITES));
        boolean trust = tlsTruststore != null || tlsClientCaFile != null;
        this.tlsClientAuth = values.clientAuth(Setting.TLS_CLIENT_AUTH, trust);
        this.tlsClientAllowedNames = Collections.unmodifiableList(values.list(Setting.TLS_CLIENT_ALLOWED_NAMES));
        if (!tlsClientAllowedNames.isEmpty() && tlsClientAuth.equals("none")) {
            throw new ConfigException(values.name(Setting.TLS_CLIENT_ALLOWED_NAMES) + " is set but clients send no"
                    + " certificate; set " + values.nameLike(Setting.TLS_CLIENT_CA_FILE, Setting.TLS_CLIENT_ALLOWED_NAMES)
                    + " (and " + values.nameLike(Setting.TLS_CLIENT_AUTH, Setting.TLS_CLIENT_ALLOWED_NAMES)
                    + "=require) too");
        }
        this.authUsersFile = values.file(Setting.AUTH_USERS_FILE);
        this.tlsTruststorePassword = values.secret(Setting.TLS_TRUSTSTORE_PASSWORD,
                Setting.TLS_TRUSTSTORE_PASSWORD_FILE, Setting.TLS_TRUSTSTORE);
        this.tlsTruststoreType = values.storeType(Setting.TLS_TRUSTSTORE_TYPE, Setting.TLS_TRUSTSTORE);
        this.maxConnections = values.intIn(Setting.ENDPOINT_MAX_CONNECTIONS, 1, 100_000,
                "a connection count (1-100000)");
        this.maxConnectionsPerAddress = values.intIn(Setting.ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS, 1, 100_000,
                "a connection count (1-100000)");
        this.idleTimeoutSeconds = values.intIn(Setting.ENDPOINT_IDLE_TIMEOUT, 1, 3600,
                "a number of seconds (1-3600)");
        this.scrapeRenderRate = values.intIn(Setting.SCRAPE_RENDER_RATE, 1, 1000,
                "a number of renderings a second (1-1000)");
    }

    public static Config load(String agentArgs, Properties systemProperties, Map<String, String> environment)
            throws ConfigException {
        List<String> warnings = new ArrayList<String>();
        Map<Setting, Value> found = new EnumMap<Setting, Value>(Setting.class);
        readEnvironment(environment, found, warnings);
        readSystemProperties(systemProperties, found, warnings);
        readAgentArguments(agentArgs, found, warnings);
        return new Config(new Values(found), warnings);
    }

    /** Settings with every default, for tests and tools. */
    public static Config defaults() {
        try {
            return load(null, new Properties(), Collections.<String, String>emptyMap());
        } catch (ConfigException e) {
            throw new AssertionError("a default does not parse", e);
        }
    }

    public boolean enabled() { return enabled; }
    public String host() { return host; }
    public int port() { return port; }
    public String metricsPath() { return metricsPath; }
    public Set<String> disabledInstrumentations() { return disabledInstrumentations; }
    public Log.Level logLevel() { return logLevel; }
    public int maxSeries() { return maxSeries; }
    /** WEFT_ROUTES: the user's route patterns, matched before the path heuristic. */
    public UserRoutes routes() { return routes; }
    /** WEFT_ROUTE_SEGMENT_VALUES: distinct words a guessed route keeps per path position before new ones fold to {*}. */
    public int routeSegmentValues() { return routeSegmentValues; }
    public double[] durationBuckets() { return durationBuckets.clone(); }
    public double[] sizeBuckets() { return sizeBuckets.clone(); }
    /** WEFT_HISTOGRAMS: which representations the duration and size histograms keep. */
    public Histograms histograms() { return histograms; }
    /** WEFT_CREATED_TIMESTAMPS: counters and histograms carry their start time (protobuf, OpenMetrics). */
    public boolean createdTimestamps() { return createdTimestamps; }
    /** WEFT_EXEMPLARS: duration histograms carry trace exemplars when a trace is found. */
    public boolean exemplars() { return exemplars; }
    /** WEFT_UTF8_NAMES: scrapers that allow UTF-8 names get the dotted OpenTelemetry names. */
    public boolean utf8Names() { return utf8Names; }
    /** WEFT_AUTH_USER, or null when the endpoint needs no authentication. */
    public String authUser() { return authUser; }
    /** The password from WEFT_AUTH_PASSWORD or WEFT_AUTH_PASSWORD_FILE; null exactly when {@link #authUser()} is. */
    public String authPassword() { return authPassword; }
    /** WEFT_AUTH_USERS_FILE: users and bcrypt hashes, or null. */
    public String authUsersFile() { return authUsersFile; }
    /** True when the endpoint speaks TLS (a keystore or a PEM certificate and key). */
    public boolean tls() { return tlsKeystore != null || tlsCertFile != null; }
    /** WEFT_TLS_CERT_FILE: the PEM certificate chain, or null. */
    public String tlsCertFile() { return tlsCertFile; }
    /** WEFT_TLS_KEY_FILE: the PEM private key, or null. */
    public String tlsKeyFile() { return tlsKeyFile; }
    /** WEFT_TLS_CLIENT_CA_FILE: PEM certificates that client certificates must chain to, or null. */
    public String tlsClientCaFile() { return tlsClientCaFile; }
    /** {@code TLSv1.2} or {@code TLSv1.3}. */
    public String tlsMinVersion() { return tlsMinVersion; }
    /** The suites the user chose, or empty for Weft's forward-secret AEAD list. */
    public List<String> tlsCipherSuites() { return tlsCipherSuites; }
    /** {@code none}, {@code request} or {@code require}. */
    public String tlsClientAuth() { return tlsClientAuth; }
    /** Subject alternative names a client certificate must carry one of; empty for any trusted certificate. */
    public List<String> tlsClientAllowedNames() { return tlsClientAllowedNames; }
    /** WEFT_TLS_KEYSTORE, or null (plain HTTP, or TLS from PEM files). */
    public String tlsKeystore() { return tlsKeystore; }
    public String tlsKeystorePassword() { return tlsKeystorePassword; }
    /** {@code PKCS12} or {@code JKS}. */
    public String tlsKeystoreType() { return tlsKeystoreType; }
    /** WEFT_TLS_TRUSTSTORE, or null when clients need no certificate (no mutual TLS). */
    public String tlsTruststore() { return tlsTruststore; }
    public String tlsTruststorePassword() { return tlsTruststorePassword; }
    public String tlsTruststoreType() { return tlsTruststoreType; }

    /** WEFT_ENDPOINT_MAX_CONNECTIONS: open connections the endpoint serves at once; more are told 503. */
    public int maxConnections() { return maxConnections; }
    /** WEFT_ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS: the share of one remote address. */
    public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    /** WEFT_ENDPOINT_IDLE_TIMEOUT: how long a kept-alive connection may wait for its next request. */
    public int idleTimeoutSeconds() { return idleTimeoutSeconds; }
    /** WEFT_SCRAPE_RENDER_RATE: renderings a second (after a burst of as many); more scrapes share the newest page. */
    public int scrapeRenderRate() { return scrapeRenderRate; }

    /** True when the user set this setting in any spelling. */
    public boolean isSet(Setting setting) {
        return values.given(setting);
    }

    /** The setting's name as the user spelled it (the environment variable when it was not set), for messages. */
    public String nameOf(Setting setting) {
        return values.name(setting);
    }

    /** Likely typos: names in Weft's namespace that are not settings. */
    public List<String> warnings() { return warnings; }

    /** The text in effect for a setting (its default when not given), for {@code check}. */
    public String rawValue(Setting s) { return values.raw(s); }

    /** Where a setting was given, as the user spelled it ({@code WEFT_PORT}, {@code weft.port}, ...); null: default. */
    public String sourceOf(Setting s) { return values.given(s) ? values.name(s) : null; }

    private static void readEnvironment(Map<String, String> environment, Map<Setting, Value> found, List<String> warnings) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (!e.getKey().startsWith("WEFT_")) {
                continue;
            }
            Setting setting = null;
            for (Setting s : Setting.values()) {
                if (s.environmentVariable().equals(e.getKey())) {
                    setting = s;
                }
            }
            if (setting == null) {
                warnings.add(unknown(e.getKey(), "environment variable", nearest(e.getKey(), Spelling.ENVIRONMENT)));
            } else {
                found.put(setting, new Value(e.getValue(), e.getKey()));
            }
        }
    }

    private static void readSystemProperties(Properties properties, Map<Setting, Value> found, List<String> warnings) {
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("weft.")) {
                continue;
            }
            Setting setting = null;
            for (Setting s : Setting.values()) {
                if (s.systemProperty().equals(name)) {
                    setting = s;
                }
            }
            if (setting == null) {
                warnings.add(unknown(name, "system property", nearest(name, Spelling.SYSTEM_PROPERTY)));
            } else {
                found.put(setting, new Value(properties.getProperty(name), name));
            }
        }
    }

    /**
     * {@code key=value} pairs separated by commas. A piece without {@code =} continues the previous
     * value, so lists need no quoting: {@code instrumentations.disabled=a,b,port=9000}.
     */
    private static void readAgentArguments(String args, Map<Setting, Value> found, List<String> warnings)
            throws ConfigException {
        if (args == null || args.trim().isEmpty()) {
            return;
        }
        Setting current = null;
        for (String piece : args.split(",")) {
            int eq = piece.indexOf('=');
            if (eq < 0) {
                if (current == null) {
                    throw new ConfigException("agent argument \"" + piece.trim() + "\" is not a key=value pair"
                            + " (for example -javaagent:weft-agent.jar=port=9464)");
                }
                Value previous = found.get(current);
                found.put(current, new Value(previous.raw + "," + piece, previous.source));
                continue;
            }
            String key = piece.substring(0, eq).trim();
            current = null;
            for (Setting s : Setting.values()) {
                if (s.key().equals(key)) {
                    current = s;
                }
            }
            if (current == null) {
                warnings.add(unknown(key, "agent argument", nearest(key, Spelling.AGENT_ARGUMENT)));
            } else {
                found.put(current, new Value(piece.substring(eq + 1), key + " (agent argument)"));
            }
        }
    }

    private static String unknown(String name, String kind, String suggestion) {
        return name + " is not a Weft setting and is ignored (" + kind + ")"
                + (suggestion == null ? "." : "; did you mean " + suggestion + "?")
                + " Settings are listed in docs/configuration.md";
    }

    /** The three ways to write a setting's name. */
    private enum Spelling {
        ENVIRONMENT, SYSTEM_PROPERTY, AGENT_ARGUMENT;

        String of(Setting s) {
            switch (this) {
                case ENVIRONMENT: return s.environmentVariable();
                case SYSTEM_PROPERTY: return s.systemProperty();
                default: return s.key();
            }
        }
    }

    /** The setting within two edits of the name, written the way the user wrote theirs, or null. */
    private static String nearest(String name, Spelling spelling) {
        String best = null;
        int bestDistance = 3;
        for (Setting s : Setting.values()) {
            String candidate = spelling.of(s);
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A raw value and the spelling it was found under, for error messages. */
    private static final class Value {
        final String raw;
        final String source;

        Value(String raw, String source) {
            this.raw = raw;
            this.source = source;
        }
    }

    /** Parses raw values, each failure naming the setting as the user spelled it. */
    private static final class Values {
        private final Map<Setting, Value> found;

        Values(Map<Setting, Value> found) {
            this.found = found;
        }

        private String raw(Setting s) {
            Value v = found.get(s);
            return v == null ? s.defaultValue() : v.raw.trim();
        }

        private ConfigException invalid(Setting s, String expected) {
            Value v = found.get(s);
            String name = v == null ? s.environmentVariable() + " (default)" : v.source;
            return new ConfigException(name + "=\"" + raw(s) + "\" is not " + expected);
        }

        String name(Setting s) {
            Value v = found.get(s);
            return v == null ? s.environmentVariable() : v.source;
        }

        /** {@code other}'s name in the spelling the user chose for {@code like}, so a message reads consistently. */
        String nameLike(Setting other, Setting like) {
            Value v = found.get(like);
            if (v == null || v.source.startsWith("WEFT_")) {
                return other.environmentVariable();
            }
            return v.source.startsWith("weft.") ? other.systemProperty() : other.key() + " (agent argument)";
        }

        boolean given(Setting s) {
            return found.containsKey(s);
        }

        /** Null when not set. */
        String user(Setting s) throws ConfigException {
            if (!given(s)) {
                return null;
            }
            String v = raw(s);
            if (v.isEmpty() || v.contains(":")) {
                throw invalid(s, "a user name (not empty, no colon)");
            }
            return v;
        }

        /** A path that must be given in full when set; null when not set. Whether it can be read is checked by its user. */
        String file(Setting s) throws ConfigException {
            if (!given(s)) {
                return null;
            }
            String v = raw(s);
            if (v.isEmpty()) {
                throw invalid(s, "a file path");
            }
            return v;
        }

        /**
         * A password given directly or as a file that holds it, needed exactly when {@code owner} is set.
         * The value never appears in a message; a file's path may.
         */
        String secret(Setting value, Setting file, Setting owner) throws ConfigException {
            boolean needed = given(owner);
            if (!needed) {
                for (Setting s : new Setting[] {value, file}) {
                    if (given(s)) {
                        throw new ConfigException(name(s) + " is set but " + nameLike(owner, s)
                                + " is not; set both or neither");
                    }
                }
                return null;
            }
            if (given(value) && given(file)) {
                throw new ConfigException(name(value) + " and " + name(file) + " are both set; set one of them");
            }
            if (given(value)) {
                String v = raw(value);
                if (v.isEmpty()) {
                    throw new ConfigException(name(value) + " is empty; " + name(owner) + " needs a password");
                }
                return v;
            }
            if (!given(file)) {
                throw new ConfigException(name(owner) + " is set but neither " + nameLike(value, owner) + " nor "
                        + nameLike(file, owner) + " is; " + name(owner) + " needs a password");
            }
            String path = file(file);
            String text;
            try {
                text = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(name(file) + "=\"" + path + "\" cannot be read (" + e.getClass().getSimpleName()
                        + ")");
            }
            // editors and `echo` end the file with a newline that is not part of the password
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new ConfigException(name(file) + "=\"" + path + "\" is an empty file; " + name(owner)
                        + " needs a password");
            }
            return text.substring(0, end);
        }

        /** PKCS12 or JKS, upper case; null when {@code owner} is not set (then the type must not be set either). */
        String storeType(Setting s, Setting owner) throws ConfigException {
            if (!given(owner)) {
                if (given(s)) {
                    throw new ConfigException(name(s) + " is set but " + nameLike(owner, s)
                            + " is not; set both or neither");
                }
                return null;
            }
            String v = raw(s).toUpperCase(Locale.ROOT);
            if (!v.equals("PKCS12") && !v.equals("JKS")) {
                throw invalid(s, "a keystore type (PKCS12 or JKS)");
            }
            return v;
        }

        /** Both or neither. */
        void together(Setting a, Setting b) throws ConfigException {
            if (given(a) != given(b)) {
                Setting set = given(a) ? a : b;
                Setting missing = given(a) ? b : a;
                throw new ConfigException(name(set) + " is set but " + nameLike(missing, set)
                        + " is not; set both or neither");
            }
        }

        void notBoth(Setting a, Setting b) throws ConfigException {
            if (given(a) && given(b)) {
                throw new ConfigException(name(a) + " and " + name(b) + " are both set; set one of them");
            }
        }

        String tlsVersion(Setting s) throws ConfigException {
            String v = raw(s).toLowerCase(Locale.ROOT);
            if (v.equals("tlsv1.2") || v.equals("1.2")) {
                return "TLSv1.2";
            }
            if (v.equals("tlsv1.3") || v.equals("1.3")) {
                return "TLSv1.3";
            }
            throw invalid(s, "a TLS version Weft accepts as the minimum (TLSv1.2 or TLSv1.3)");
        }

        List<String> suites(Setting s) throws ConfigException {
            List<String> suites = list(s);
            for (String suite : suites) {
                if (!suite.matches("TLS_[A-Z0-9_]+")) {
                    throw invalid(s, "a comma-separated list of cipher suite names such as"
                            + " TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
                }
            }
            return suites;
        }

        String clientAuth(Setting s, boolean trust) throws ConfigException {
            if (!given(s)) {
                return trust ? "require" : "none";
            }
            String v = raw(s).toLowerCase(Locale.ROOT);
            if (!v.equals("none") && !v.equals("request") && !v.equals("require")) {
                throw invalid(s, "a client-certificate policy (none, request or require)");
            }
            if (!v.equals("none") && !trust) {
                throw new ConfigException(name(s) + "=\"" + raw(s) + "\" needs the certificates that client"
                        + " certificates are checked against; set " + nameLike(Setting.TLS_CLIENT_CA_FILE, s) + " or "
                        + nameLike(Setting.TLS_TRUSTSTORE, s));
            }
            return v;
        }

        Histograms histograms(Setting s) throws ConfigException {
            String v = raw(s).toLowerCase(Locale.ROOT);
            for (Histograms h : Histograms.values()) {
                if (h.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return h;
                }
            }
            throw invalid(s, "classic, native or both");
        }

        boolean bool(Setting s) throws ConfigException {
            String v = raw(s).toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
            throw invalid(s, "true or false");
        }

        int intIn(Setting s, int min, int max, String expected) throws ConfigException {
            try {
                int v = Integer.parseInt(raw(s));
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(s, expected);
        }

        String host(Setting s) throws ConfigException {
            String v = raw(s);
            if (v.isEmpty() || v.contains("/") || v.contains(" ")) {
                throw invalid(s, "a host name or IP address to listen on (for example 0.0.0.0 or 127.0.0.1)");
            }
            return v;
        }

        String path(Setting s) throws ConfigException {
            String v = raw(s);
            if (!v.startsWith("/") || v.length() < 2 || v.contains("?") || v.contains(" ")) {
                throw invalid(s, "a URL path starting with / (for example /metrics)");
            }
            return v;
        }

        List<String> list(Setting s) {
            List<String> items = new ArrayList<String>();
            for (String item : raw(s).split(",")) {
                if (!item.trim().isEmpty()) {
                    items.add(item.trim());
                }
            }
            return items;
        }

        Log.Level logLevel(Setting s) throws ConfigException {
            try {
                return Log.Level.valueOf(raw(s).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(s, "a log level (off, error, warn, info, debug)");
            }
        }

        UserRoutes routes(Setting s) throws ConfigException {
            try {
                return UserRoutes.parse(list(s));
            } catch (IllegalArgumentException e) {
                throw invalid(s, "a comma-separated list of route patterns such as /owners/{id},/files/** ("
                        + e.getMessage() + ")");
            }
        }

        double[] buckets(Setting s) throws ConfigException {
            List<String> items = list(s);
            double[] bounds = new double[items.size()];
            try {
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = Double.parseDouble(items.get(i));
                    if (!(bounds[i] > 0) || Double.isInfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                        throw invalid(s, "a comma-separated list of increasing positive numbers");
                    }
                }
            } catch (NumberFormatException e) {
                throw invalid(s, "a comma-separated list of increasing positive numbers");
            }
            if (bounds.length == 0) {
                throw invalid(s, "a comma-separated list of increasing positive numbers");
            }
            return bounds;
        }
    }
}
