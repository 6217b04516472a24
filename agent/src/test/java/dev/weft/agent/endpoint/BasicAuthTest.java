package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

    private final BasicAuth auth = new BasicAuth("prometheus", "s3cr3t pass");

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightUserAndPasswordAreAllowed() {
        assertTrue(auth.allows(basic("prometheus:s3cr3t pass")));
        assertTrue(auth.allows("basic " + basic("prometheus:s3cr3t pass").substring(6)), "the scheme is case-insensitive");
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(auth.allows(null), "no header");
        assertFalse(auth.allows(""), "empty header");
        assertFalse(auth.allows(basic("prometheus:s3cr3t")), "a prefix of the password");
        assertFalse(auth.allows(basic("prometheus:s3cr3t pass!")), "the password and more");
        assertFalse(auth.allows(basic("Prometheus:s3cr3t pass")), "the user in another case");
        assertFalse(auth.allows(basic("prometheus")), "no colon");
        assertFalse(auth.allows(basic("")), "empty credentials");
        assertFalse(auth.allows("Basic !!!not-base64!!!"), "not base64");
        assertFalse(auth.allows("Bearer " + basic("prometheus:s3cr3t pass").substring(6)), "another scheme");
    }

    @Test
    void aPasswordWithAColonAndNonAsciiCharactersWorks() {
        BasicAuth unusual = new BasicAuth("ops", "pä:ss");
        assertTrue(unusual.allows(basic("ops:pä:ss")));
        assertFalse(unusual.allows(basic("ops:pa:ss")));
    }
}
