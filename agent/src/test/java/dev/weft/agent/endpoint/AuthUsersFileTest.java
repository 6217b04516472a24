package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/** WEFT_AUTH_USERS_FILE: several users with bcrypt hashes, in the exporter toolkit's and htpasswd's formats. */
class AuthUsersFileTest {

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private BasicAuth load(String fileText, String... env) throws Exception {
        Path file = Files.write(dir.resolve("users.yml"), fileText.getBytes(StandardCharsets.UTF_8));
        Map<String, String> vars = new java.util.HashMap<>();
        vars.put("WEFT_AUTH_USERS_FILE", file.toString());
        for (int i = 0; i < env.length; i += 2) {
            vars.put(env[i], env[i + 1]);
        }
        return BasicAuth.load(Config.load(null, new Properties(), vars));
    }

    @Test
    void usersOfAWebConfigFileWithBcryptHashes() throws Exception {
        String alice = BCrypt.hashpw("alice-pw", BCrypt.gensalt(4));
        // htpasswd -B writes $2y$, Go's bcrypt $2a$; both are the same function for short passwords
        String bob = "$2y$" + BCrypt.hashpw("bob-pw", BCrypt.gensalt(5)).substring(4);
        BasicAuth auth = load("# users for scraping\nbasic_auth_users:\n  alice: " + alice + "\n  \"bob\": '" + bob
                + "'\n", "WEFT_AUTH_USER", "plain", "WEFT_AUTH_PASSWORD", "plain-pw");
        assertTrue(auth.allows(basic("alice", "alice-pw")));
        assertTrue(auth.allows(basic("alice", "alice-pw")), "again, from the remembered check");
        assertTrue(auth.allows(basic("bob", "bob-pw")));
        assertTrue(auth.allows(basic("plain", "plain-pw")), "the WEFT_AUTH_USER user too");
        assertFalse(auth.allows(basic("alice", "bob-pw")));
        assertFalse(auth.allows(basic("bob", "alice-pw")));
        assertFalse(auth.allows(basic("carol", "alice-pw")), "an unknown user");
        assertFalse(auth.allows(basic("alice", "")));
        assertFalse(auth.allows(null));
        assertFalse(auth.allows("Basic !!!"));
    }

    @Test
    void htpasswdLinesWork() throws Exception {
        String hash = BCrypt.hashpw("s3cret", BCrypt.gensalt(4));
        BasicAuth auth = load("prometheus:" + hash + "\n");
        assertTrue(auth.allows(basic("prometheus", "s3cret")));
        assertFalse(auth.allows(basic("prometheus", "s3cret ")));
    }

    @Test
    void badLinesAreNamedWithoutTheirHash() throws Exception {
        String message = assertThrows(ConfigException.class, () -> load("alice: $2a$10$tooShort\n")).getMessage();
        assertTrue(message.contains("users.yml\" line 1 is not \"user: bcrypt-hash\""), message);
        assertFalse(message.contains("tooShort"), message);
        String hash = BCrypt.hashpw("x", BCrypt.gensalt(4));
        String twice = assertThrows(ConfigException.class, () -> load("a: " + hash + "\na: " + hash + "\n")).getMessage();
        assertTrue(twice.endsWith("line 2 names user \"a\" again"), twice);
        String plainHash = assertThrows(ConfigException.class, () -> load("a: md5hash\n")).getMessage();
        assertTrue(plainHash.contains("line 1"), plainHash);
        assertEquals(true, assertThrows(ConfigException.class, () -> load("# nobody\n")).getMessage()
                .endsWith("names no user"));
    }
}
