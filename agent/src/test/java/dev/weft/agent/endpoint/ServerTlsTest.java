package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the stores at start-up; the stores are made with the JDK's keytool for each run. */
class ServerTlsTest {

    private static final String PASSWORD = "store-secret-1";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path certOnly;

    @BeforeAll
    static void makeStores() throws Exception {
        keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "weft", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        Path cert = dir.resolve("server.crt");
        keytool("-exportcert", "-alias", "weft", "-rfc", "-file", cert.toString(), "-keystore", keystore.toString(),
                "-storepass", PASSWORD);
        certOnly = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", certOnly.toString(), "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Arrays.toString(command) + "\n" + out);
    }

    private static Config config(String... pairs) throws ConfigException {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Config.load(null, new Properties(), env);
    }

    @Test
    void noKeystoreMeansNoTls() throws Exception {
        assertNull(ServerTls.load(Config.defaults()));
    }

    @Test
    void aGoodKeystoreLoads() throws Exception {
        ServerTls tls = ServerTls.load(config("WEFT_TLS_KEYSTORE", keystore.toString(), "WEFT_TLS_KEYSTORE_PASSWORD", PASSWORD));
        assertNotNull(tls);
        assertFalse(tls.clientCertificateRequired());
        ServerTls mutual = ServerTls.load(config("WEFT_TLS_KEYSTORE", keystore.toString(), "WEFT_TLS_KEYSTORE_PASSWORD",
                PASSWORD, "WEFT_TLS_TRUSTSTORE", certOnly.toString(), "WEFT_TLS_TRUSTSTORE_PASSWORD", PASSWORD));
        assertTrue(mutual.clientCertificateRequired());
    }

    @Test
    void aWrongPasswordNamesTheSettingsButNotThePassword() {
        String message = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_KEYSTORE",
                keystore.toString(), "WEFT_TLS_KEYSTORE_PASSWORD", "wrong-secret-9"))).getMessage();
        assertEquals("WEFT_TLS_KEYSTORE=\"" + keystore + "\" cannot be opened with the password from"
                + " WEFT_TLS_KEYSTORE_PASSWORD (wrong password)", message);
        assertFalse(message.contains("wrong-secret-9"));
    }

    @Test
    void otherBadStoresAreNamed() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertEquals("WEFT_TLS_KEYSTORE=\"" + missing + "\" cannot be read (no such file)",
                assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_KEYSTORE", missing.toString(),
                        "WEFT_TLS_KEYSTORE_PASSWORD", PASSWORD))).getMessage());
        Path text = Files.write(dir.resolve("not-a-store.p12"), "hello".getBytes());
        String notAStore = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_KEYSTORE",
                text.toString(), "WEFT_TLS_KEYSTORE_PASSWORD", PASSWORD))).getMessage();
        assertTrue(notAStore.startsWith("WEFT_TLS_KEYSTORE=\"" + text + "\" cannot be read as a PKCS12 keystore"), notAStore);
        String noKey = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_KEYSTORE",
                certOnly.toString(), "WEFT_TLS_KEYSTORE_PASSWORD", PASSWORD))).getMessage();
        assertTrue(noKey.endsWith("holds no private key; the endpoint needs its key and certificate"), noKey);
        String wrongTrust = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_KEYSTORE",
                keystore.toString(), "WEFT_TLS_KEYSTORE_PASSWORD", PASSWORD, "WEFT_TLS_TRUSTSTORE", certOnly.toString(),
                "WEFT_TLS_TRUSTSTORE_PASSWORD", "nope-nope"))).getMessage();
        assertTrue(wrongTrust.startsWith("WEFT_TLS_TRUSTSTORE=\"" + certOnly + "\" cannot be opened with the password"
                + " from WEFT_TLS_TRUSTSTORE_PASSWORD"), wrongTrust);
    }
}
