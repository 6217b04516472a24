package dev.weft.agent.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * HTTP basic authentication for the scrape path, with one user and password from configuration.
 *
 * <pre>{@code
 * BasicAuth auth = new BasicAuth("prometheus", password);
 * auth.allows(request.header("Authorization"));   // "Basic cHJvbWV0aGV1czpzM2NyM3Q=" -> true
 * }</pre>
 *
 * <p>Only SHA-256 digests are compared, with {@link MessageDigest#isEqual}, so the time a check takes
 * depends neither on how many leading bytes of a guess are right nor on its length. The plain
 * password is not kept.
 */
final class BasicAuth {

    /** Sent with every 401 so that browsers and scrapers know which scheme to use. */
    static final String CHALLENGE = "Basic realm=\"weft\", charset=\"UTF-8\"";

    private final byte[] expected;

    /** From WEFT_AUTH_USER and its password; null when the endpoint needs no authentication. */
    static BasicAuth load(dev.weft.agent.config.Config config) {
        return config.authUser() == null ? null : new BasicAuth(config.authUser(), config.authPassword());
    }

    BasicAuth(String user, String password) {
        this.expected = sha256((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** True when the {@code Authorization} header value (null when absent) carries this user and password. */
    boolean allows(String authorization) {
        byte[] given = new byte[0];
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).trim());
            } catch (IllegalArgumentException notBase64) {
                // compared as empty, which never matches: a user name is never empty
            }
        }
        return MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
