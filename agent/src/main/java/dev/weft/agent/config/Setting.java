package dev.weft.agent.config;

import java.util.Locale;

/**
 * Every setting Weft reads, with its default. One name, three spellings: agent argument
 * ({@code metrics.path=/m}), system property ({@code weft.metrics.path}) and environment variable
 * ({@code WEFT_METRICS_PATH}); the first one found, in that order, wins.
 * {@code docs/configuration.md} documents each of them.
 */
public enum Setting {
    ENABLED("enabled", "true"),
    HOST("host", "0.0.0.0"),
    PORT("port", "9464"),
    METRICS_PATH("metrics.path", "/metrics"),
    INSTRUMENTATIONS_DISABLED("instrumentations.disabled", ""),
    LOG_LEVEL("log.level", "info"),
    MAX_SERIES("max.series", "2000"),
    ROUTES("routes", ""),
    ROUTE_SEGMENT_VALUES("route.segment.values", "10"),
    DURATION_BUCKETS("duration.buckets", "0.005,0.01,0.025,0.05,0.075,0.1,0.25,0.5,0.75,1,2.5,5,7.5,10"),
    SIZE_BUCKETS("size.buckets", "64,256,1024,4096,16384,65536,262144,1048576,4194304,16777216,67108864"),
    HISTOGRAMS("histograms", "classic"),
    CREATED_TIMESTAMPS("created.timestamps", "false"),
    EXEMPLARS("exemplars", "true"),
    UTF8_NAMES("utf8.names", "false"),
    AUTH_USER("auth.user", ""),
    AUTH_PASSWORD("auth.password", ""),
    AUTH_PASSWORD_FILE("auth.password.file", ""),
    TLS_KEYSTORE("tls.keystore", ""),
    TLS_KEYSTORE_PASSWORD("tls.keystore.password", ""),
    TLS_KEYSTORE_PASSWORD_FILE("tls.keystore.password.file", ""),
    TLS_KEYSTORE_TYPE("tls.keystore.type", "PKCS12"),
    TLS_TRUSTSTORE("tls.truststore", ""),
    TLS_TRUSTSTORE_PASSWORD("tls.truststore.password", ""),
    TLS_TRUSTSTORE_PASSWORD_FILE("tls.truststore.password.file", ""),
    TLS_TRUSTSTORE_TYPE("tls.truststore.type", "PKCS12"),
    ENDPOINT_MAX_CONNECTIONS("endpoint.max.connections", "256"),
    ENDPOINT_MAX_CONNECTIONS_PER_ADDRESS("endpoint.max.connections.per.address", "32"),
    ENDPOINT_IDLE_TIMEOUT("endpoint.idle.timeout", "90"),
    SCRAPE_RENDER_RATE("scrape.render.rate", "10"),
    AUTH_USERS_FILE("auth.users.file", ""),
    TLS_CERT_FILE("tls.cert.file", ""),
    TLS_KEY_FILE("tls.key.file", ""),
    TLS_CLIENT_CA_FILE("tls.client.ca.file", ""),
    TLS_MIN_VERSION("tls.min.version", "TLSv1.2"),
    TLS_CIPHER_SUITES("tls.cipher.suites", ""),
    TLS_CLIENT_AUTH("tls.client.auth", ""),
    TLS_CLIENT_ALLOWED_NAMES("tls.client.allowed.names", "");

    private final String key;
    private final String defaultValue;

    Setting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** The agent-argument spelling, e.g. {@code metrics.path}. */
    public String key() {
        return key;
    }

    public String systemProperty() {
        return "weft." + key;
    }

    public String environmentVariable() {
        return "WEFT_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }
}
