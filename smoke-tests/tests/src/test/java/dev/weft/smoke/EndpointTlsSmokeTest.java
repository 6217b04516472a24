package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS on the endpoint, in real JVMs with {@code -javaagent:} running embedded Tomcat,
 * driven with {@code curl}. Keys are made with the JDK's keytool for each run (see {@link Keystores}).
 * Also: clients that open a connection and never start the handshake do not keep others out, and a
 * broken TLS configuration is one {@code weft:} line, the agent off and the application serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointTlsSmokeTest {

    private static final String APP = "servlet-jakarta-app";
    private static final String MAIN = "dev.weft.smoke.app.jakarta.TomcatMain";
    private static final String CERT_P12 = "P12";

    @TempDir
    static Path dir;
    private Keystores stores;
    /** PKCS12 keystore, password from a file, and basic auth on top. */
    private AgentJvm tls;
    private int tlsAppPort;
    /** JKS keystore and a truststore holding the client's certificate: mutual TLS. */
    private AgentJvm mutual;

    @BeforeAll
    void start() throws Exception {
        stores = Keystores.create(dir);
        tlsAppPort = Ports.free();
        tls = AgentJvm.app(APP, MAIN).arg(tlsAppPort)
                .env("WEFT_TLS_KEYSTORE", stores.serverP12.toString())
                .env("WEFT_TLS_KEYSTORE_PASSWORD_FILE", Keystores.passwordFile(dir, "ks-pass", Keystores.PASSWORD).toString())
                .env("WEFT_AUTH_USER", "prometheus").env("WEFT_AUTH_PASSWORD", "tls-Auth-5")
                .withoutEndpoint().start();
        awaitTls(tls, "-k");
        mutual = AgentJvm.app(APP, MAIN).arg(Ports.free())
                .env("WEFT_TLS_KEYSTORE", stores.serverJks.toString())
                .env("WEFT_TLS_KEYSTORE_TYPE", "JKS")
                .env("WEFT_TLS_KEYSTORE_PASSWORD", Keystores.PASSWORD)
                .env("WEFT_TLS_TRUSTSTORE", stores.clientTrustP12.toString())
                .env("WEFT_TLS_TRUSTSTORE_PASSWORD", Keystores.PASSWORD)
                .withoutEndpoint().start();
        awaitTls(mutual, "-k", "--cert-type", CERT_P12, "--cert", stores.clientP12 + ":" + Keystores.PASSWORD);
    }

    @AfterAll
    void stop() {
        for (AgentJvm jvm : new AgentJvm[] {tls, mutual}) {
            if (jvm != null) {
                jvm.close();
            }
        }
    }

    private static String https(AgentJvm jvm, String path) {
        return "https://127.0.0.1:" + jvm.metricsPort() + path;
    }

    /** Polls the health path with curl until the TLS endpoint answers. */
    private static void awaitTls(AgentJvm jvm, String... curlOptions) throws Exception {
        long deadline = System.nanoTime() + AgentJvm.START_TIMEOUT.toNanos();
        List<String> args = new ArrayList<>(List.of(curlOptions));
        args.add(https(jvm, "/-/healthy"));
        Keystores.Curl last;
        while ((last = Keystores.curl(args.toArray(new String[0]))).exit != 0) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                fail("no TLS endpoint: " + last + "\n" + jvm.output());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void curlVerifiesTheServerCertificateAndScrapesWithBasicAuth() throws Exception {
        Keystores.Curl scrape = Keystores.curl("--cacert", stores.serverPem.toString(), "-u", "prometheus:tls-Auth-5",
                "-w", "\n%{http_code}", https(tls, "/metrics"));
        assertEquals(0, scrape.exit, scrape.toString());
        assertTrue(scrape.out.endsWith("\n200"), scrape.toString());
        assertTrue(Scrape.of(scrape.out.substring(0, scrape.out.length() - 3)).has("weft_build_info"), scrape.toString());
        Keystores.Curl noAuth = Keystores.curl("--cacert", stores.serverPem.toString(), "-o", "/dev/null",
                "-w", "%{http_code}", https(tls, "/metrics"));
        assertEquals("401", noAuth.out, noAuth.toString());
        Keystores.Curl insecure = Keystores.curl("-k", "-u", "prometheus:tls-Auth-5", "-o", "/dev/null",
                "-w", "%{http_code}", https(tls, "/metrics"));
        assertEquals("200", insecure.out, "curl -k: " + insecure);
        String started = tls.weftLines().stream().filter(l -> l.contains("serving metrics")).findFirst().orElse("");
        assertTrue(started.contains("serving metrics on https://") && started.contains("with TLS, basic auth"), started);
        assertFalse(tls.output().contains(Keystores.PASSWORD), tls.output());
    }

    @Test
    void theLivePageIsServedOverTlsBehindTheSameAuth() throws Exception {
        Keystores.Curl page = Keystores.curl("--cacert", stores.serverPem.toString(), "-u", "prometheus:tls-Auth-5",
                "-w", "\n%{http_code}", https(tls, "/"));
        assertEquals(0, page.exit, page.toString());
        assertTrue(page.out.startsWith("<!DOCTYPE html>") && page.out.endsWith("</html>\n\n200"), page.toString());
        Keystores.Curl noAuth = Keystores.curl("--cacert", stores.serverPem.toString(), "-o", "/dev/null",
                "-w", "%{http_code}", https(tls, "/"));
        assertEquals("401", noAuth.out, noAuth.toString());
    }

    @Test
    void curlWithoutTheCertificateRefusesTheServer() throws Exception {
        Keystores.Curl unverified = Keystores.curl(https(tls, "/-/healthy"));
        assertEquals(60, unverified.exit, "curl: peer certificate cannot be authenticated: " + unverified);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        assertFalse(Http.answers("http://127.0.0.1:" + tls.metricsPort() + "/-/healthy"));
        assertEquals(200, Http.get("http://127.0.0.1:" + tlsAppPort + "/hello").statusCode(), "the app serves");
    }

    @Test
    void connectionsThatNeverHandshakeDoNotKeepScrapesOut() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), tls.metricsPort()));
            }
            long start = System.nanoTime();
            Keystores.Curl scrape = Keystores.curl("--cacert", stores.serverPem.toString(), "-u",
                    "prometheus:tls-Auth-5", "-o", "/dev/null", "-w", "%{http_code}", https(tls, "/metrics"));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals("200", scrape.out, scrape.toString());
            assertTrue(millis < 3_000, "a scrape beside 12 silent TLS connections took " + millis + " ms");
            // and the silent ones are cut at the head deadline (5 s) rather than held
            silent.get(0).setSoTimeout(15_000);
            long held = System.nanoTime();
            assertEquals(-1, silent.get(0).getInputStream().read(), "the server closes a silent connection");
            System.out.println("silent TLS connection closed by the server after "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (read waited "
                    + Duration.ofNanos(System.nanoTime() - held).toMillis() + " ms)");
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    // ---- mutual TLS ----

    @Test
    void aClientWithTheTrustedCertificateScrapes() throws Exception {
        Keystores.Curl scrape = Keystores.curl("--cacert", stores.serverPem.toString(), "--cert-type", CERT_P12,
                "--cert", stores.clientP12 + ":" + Keystores.PASSWORD, "-w", "\n%{http_code}", https(mutual, "/metrics"));
        assertEquals(0, scrape.exit, scrape.toString());
        assertTrue(scrape.out.endsWith("\n200"), scrape.toString());
        assertTrue(Scrape.of(scrape.out.substring(0, scrape.out.length() - 3)).has("jvm_memory_used_bytes"),
                scrape.toString());
        String started = mutual.weftLines().stream().filter(l -> l.contains("serving metrics")).findFirst().orElse("");
        assertTrue(started.contains("with mutual TLS"), started);
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        Keystores.Curl refused = Keystores.curl("--cacert", stores.serverPem.toString(), "-w", "%{http_code}",
                https(mutual, "/-/healthy"));
        assertNotEquals(0, refused.exit, refused.toString());
        assertFalse(refused.out.contains("200"), refused.toString());
    }

    @Test
    void aClientWithAnUnknownCertificateIsRefused() throws Exception {
        Keystores.Curl refused = Keystores.curl("--cacert", stores.serverPem.toString(), "--cert-type", CERT_P12,
                "--cert", stores.strangerP12 + ":" + Keystores.PASSWORD, "-w", "%{http_code}",
                https(mutual, "/-/healthy"));
        assertNotEquals(0, refused.exit, refused.toString());
        assertFalse(refused.out.contains("200"), refused.toString());
    }

    // ---- broken TLS configuration: one line, agent off, application serves ----

    @Test
    void wrongKeystorePasswordKeepsTheAgentOff() throws Exception {
        EndpointSecuritySmokeTest.assertRejected(AgentJvm.app(APP, MAIN)
                        .env("WEFT_TLS_KEYSTORE", stores.serverP12.toString())
                        .env("WEFT_TLS_KEYSTORE_PASSWORD", "Wrong-Pass-0815"), "Wrong-Pass-0815",
                "WEFT_TLS_KEYSTORE=\"" + stores.serverP12 + "\" cannot be opened with the password from"
                        + " WEFT_TLS_KEYSTORE_PASSWORD (wrong password)");
    }

    @Test
    void missingKeystoreKeepsTheAgentOff() throws Exception {
        Path missing = dir.resolve("nowhere.p12");
        EndpointSecuritySmokeTest.assertRejected(AgentJvm.app(APP, MAIN)
                        .agentArgs("tls.keystore=" + missing + ",tls.keystore.password=" + Keystores.PASSWORD),
                Keystores.PASSWORD, "tls.keystore (agent argument)=\"" + missing + "\" cannot be read (no such file)");
    }

    @Test
    void wrongTruststorePasswordKeepsTheAgentOff() throws Exception {
        EndpointSecuritySmokeTest.assertRejected(AgentJvm.app(APP, MAIN)
                        .env("WEFT_TLS_KEYSTORE", stores.serverP12.toString())
                        .env("WEFT_TLS_KEYSTORE_PASSWORD", Keystores.PASSWORD)
                        .jvmOption("-Dweft.tls.truststore=" + stores.clientTrustP12)
                        .jvmOption("-Dweft.tls.truststore.password=Trust-Wrong-1"), "Trust-Wrong-1",
                "weft.tls.truststore=\"" + stores.clientTrustP12 + "\" cannot be opened with the password from"
                        + " weft.tls.truststore.password (wrong password)");
    }

    @Test
    void keystoreTypeThatIsNotSupportedKeepsTheAgentOff() throws Exception {
        EndpointSecuritySmokeTest.assertRejected(AgentJvm.app(APP, MAIN)
                        .env("WEFT_TLS_KEYSTORE", stores.serverP12.toString())
                        .env("WEFT_TLS_KEYSTORE_PASSWORD", Keystores.PASSWORD)
                        .env("WEFT_TLS_KEYSTORE_TYPE", "PEM"), Keystores.PASSWORD,
                "WEFT_TLS_KEYSTORE_TYPE=\"PEM\" is not a keystore type (PKCS12 or JKS)");
        assertTrue(Files.exists(stores.serverP12));
    }
}
