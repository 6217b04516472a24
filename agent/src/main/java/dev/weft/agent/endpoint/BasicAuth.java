package dev.weft.agent.endpoint;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.mindrot.jbcrypt.BCrypt;

/**
 * HTTP basic authentication for the scrape path: one user with a password from configuration
 * ({@code WEFT_AUTH_USER}), and any number of users with bcrypt hashes from a file
 * ({@code WEFT_AUTH_USERS_FILE}, the {@code basic_auth_users} map of the Prometheus exporter
 * toolkit's web config, or {@code htpasswd -B} lines).
 *
 * <pre>{@code
 * BasicAuth auth = new BasicAuth("prometheus", password);
 * auth.allows(request.header("Authorization"));   // "Basic cHJvbWV0aGV1czpzM2NyM3Q=" -> true
 * }</pre>
 *
 * <p>A plain password is kept only as the SHA-256 digest of {@code user:password}, compared with
 * {@link MessageDigest#isEqual}, so the time a check takes depends neither on how many leading bytes
 * of a guess are right nor on its length. A bcrypt check costs tens of milliseconds by design, so
 * checks run one at a time (a flood of guesses takes one worker's share of a core, not the host's
 * CPU) and a header that passed is remembered by its SHA-256 digest, as the exporter toolkit does: a
 * scraper pays for bcrypt once, not per scrape. An unknown user is checked against a dummy hash of
 * the same cost, so timing does not tell which users exist.
 */
final class BasicAuth {

    /** Sent with every 401 so that browsers and scrapers know which scheme to use. */
    static final String CHALLENGE = "Basic realm=\"weft\", charset=\"UTF-8\"";
    /** $2a$, $2b$ and $2y$ (htpasswd), a two-digit cost, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    /** Headers that passed a bcrypt check; cleared when full, so it cannot grow with guesses. */
    private static final int MAX_REMEMBERED = 64;

    private final Map<String, byte[]> plain = new LinkedHashMap<String, byte[]>();
    private final Map<String, String> hashed = new LinkedHashMap<String, String>();
    private final Map<String, Boolean> passed = new ConcurrentHashMap<String, Boolean>();
    private final Object bcryptTurn = new Object();
    private String dummyHash;

    BasicAuth(String user, String password) {
        plain.put(user, sha256((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private BasicAuth() {}

    /** From WEFT_AUTH_USER and WEFT_AUTH_USERS_FILE; null when the endpoint needs no authentication. */
    static BasicAuth load(Config config) throws ConfigException {
        if (config.authUser() == null && config.authUsersFile() == null) {
            return null;
        }
        BasicAuth auth = config.authUser() == null ? new BasicAuth()
                : new BasicAuth(config.authUser(), config.authPassword());
        if (config.authUsersFile() != null) {
            String name = config.nameOf(Setting.AUTH_USERS_FILE) + "=\"" + config.authUsersFile() + "\"";
            List<String> lines;
            try {
                lines = Files.readAllLines(Paths.get(config.authUsersFile()), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(name + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            int number = 0;
            for (String raw : lines) {
                number++;
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#") || line.equals("basic_auth_users:")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String user = colon <= 0 ? "" : unquote(line.substring(0, colon).trim());
                String hash = colon <= 0 ? "" : unquote(line.substring(colon + 1).trim());
                // the hash is not repeated in messages: it is as good as a password against offline guessing
                if (user.isEmpty() || !BCRYPT.matcher(hash).matches()) {
                    throw new ConfigException(name + " line " + number + " is not \"user: bcrypt-hash\" (for example"
                            + " prometheus: $2y$10$..., as htpasswd -B or the exporter toolkit's web config hold it)");
                }
                if (auth.plain.containsKey(user) || auth.hashed.containsKey(user)) {
                    throw new ConfigException(name + " line " + number + " names user \"" + user + "\" again");
                }
                auth.hashed.put(user, hash);
            }
            if (auth.hashed.isEmpty()) {
                throw new ConfigException(name + " names no user");
            }
        }
        return auth;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** True when the {@code Authorization} header value (null when absent) carries a known user and password. */
    boolean allows(String authorization) {
        byte[] given = new byte[0];
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).trim());
            } catch (IllegalArgumentException notBase64) {
                // compared as empty, which never matches: a user name is never empty
            }
        }
        String pair = new String(given, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        String user = colon < 0 ? "" : pair.substring(0, colon);
        byte[] expected = plain.get(user);
        if (expected != null || hashed.isEmpty()) {
            byte[] digest = sha256(given);
            return MessageDigest.isEqual(expected == null ? new byte[digest.length] : expected, digest);
        }
        String remembered = Base64.getEncoder().encodeToString(sha256(given));
        if (passed.containsKey(remembered)) {
            return true;
        }
        String hash = hashed.get(user);
        String password = colon < 0 ? "" : pair.substring(colon + 1);
        boolean ok = false;
        synchronized (bcryptTurn) {
            if (hash != null) {
                ok = check(password, hash);
            } else {
                check(password, dummy()); // the same time as a wrong password of a real user
            }
        }
        if (ok) {
            if (passed.size() >= MAX_REMEMBERED) {
                passed.clear();
            }
            passed.put(remembered, Boolean.TRUE);
        }
        return ok;
    }

    /** $2b$ and $2y$ compute exactly what $2a$ does for passwords under 256 bytes; jBCrypt knows only $2a$. */
    private static boolean check(String password, String hash) {
        try {
            return BCrypt.checkpw(password, "$2a$" + hash.substring(4));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String dummy() {
        if (dummyHash == null) {
            String first = hashed.values().iterator().next();
            dummyHash = BCrypt.hashpw("weft-no-such-user", BCrypt.gensalt(Integer.parseInt(first.substring(4, 6))));
        }
        return dummyHash;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
