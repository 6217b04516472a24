package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates for the TLS smoke tests, made at test time with the {@code keytool} of the
 * JDK under test, so no key material is committed and each run has fresh keys.
 *
 * <pre>{@code
 * Keystores stores = Keystores.create(tempDir);
 * stores.serverP12;   // key + self-signed certificate for 127.0.0.1 and localhost, PKCS12
 * stores.serverPem;   // that certificate, for curl --cacert
 * }</pre>
 */
public final class Keystores {

    public static final String PASSWORD = "store-Pass-4711";

    /** Server key and certificate (SAN 127.0.0.1, localhost) as PKCS12 and as JKS. */
    public final Path serverP12;
    public final Path serverJks;
    /** The server's certificate in PEM, for {@code curl --cacert}. */
    public final Path serverPem;
    /** A client key and certificate for mutual TLS, PKCS12 (curl {@code --cert-type P12}). */
    public final Path clientP12;
    /** A truststore holding only the client's certificate. */
    public final Path clientTrustP12;
    /** A second client, unknown to the truststore. */
    public final Path strangerP12;

    private Keystores(Path dir) {
        serverP12 = dir.resolve("server.p12");
        serverJks = dir.resolve("server.jks");
        serverPem = dir.resolve("server.pem");
        clientP12 = dir.resolve("client.p12");
        clientTrustP12 = dir.resolve("client-trust.p12");
        strangerP12 = dir.resolve("stranger.p12");
    }

    public static Keystores create(Path dir) throws IOException, InterruptedException {
        Keystores k = new Keystores(dir);
        keytool("-genkeypair", "-alias", "weft", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", k.serverP12.toString(),
                "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "weft", "-file", k.serverPem.toString(),
                "-keystore", k.serverP12.toString(), "-storepass", PASSWORD);
        keytool("-importkeystore", "-srckeystore", k.serverP12.toString(), "-srcstoretype", "PKCS12",
                "-srcstorepass", PASSWORD, "-destkeystore", k.serverJks.toString(), "-deststoretype", "JKS",
                "-deststorepass", PASSWORD, "-destkeypass", PASSWORD, "-noprompt");
        for (Path client : new Path[] {k.clientP12, k.strangerP12}) {
            keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-dname", "CN=prometheus", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", client.toString(), "-storepass", PASSWORD);
        }
        Path clientPem = dir.resolve("client.pem");
        keytool("-exportcert", "-rfc", "-alias", "client", "-file", clientPem.toString(),
                "-keystore", k.clientP12.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "prometheus", "-file", clientPem.toString(),
                "-storetype", "PKCS12", "-keystore", k.clientTrustP12.toString(), "-storepass", PASSWORD);
        return k;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path jdk = Paths.get(AgentJvm.java()).toAbsolutePath().getParent().getParent();
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin").resolve("keytool").toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish: " + command);
        assertTrue(p.exitValue() == 0, command + " failed:\n" + out);
    }

    /** Runs curl; the result holds its exit code and, with {@code -w '%{http_code}'}, the status. */
    public static Curl curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("curl");
        command.add("-sS");
        command.add("--max-time");
        command.add("20");
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl did not finish: " + command);
        return new Curl(command, p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** One curl run. */
    public static final class Curl {
        public final List<String> command;
        public final int exit;
        public final String out;
        public final String err;

        Curl(List<String> command, int exit, String out, String err) {
            this.command = command;
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return command + " exit " + exit + "\n--- out ---\n" + (out.length() > 2000 ? out.substring(0, 2000) + "..." : out)
                    + "\n--- err ---\n" + err;
        }
    }

    /** Writes a password file as editors do, with a trailing newline. */
    public static Path passwordFile(Path dir, String name, String password) throws IOException {
        return Files.write(dir.resolve(name), (password + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
