package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS endpoint in-process with real handshakes: PEM files in the encodings Kubernetes secrets
 * hold, the default protocol floor and suites, client-certificate policies and allowed names, and
 * certificates replaced on disk while scrapes keep succeeding. Keys come from the JDK's keytool.
 */
class TlsEndpointTest {

    private static final String PASSWORD = "store-secret-2";

    @TempDir
    static Path dir;
    private static Path ecStore;
    private static Path rsaStore;
    private static Path allowedClient;
    private static Path otherClient;
    private MetricsEndpoint endpoint;

    @BeforeAll
    static void makeKeys() throws Exception {
        ecStore = genkey("server-ec", "EC", "SAN=ip:127.0.0.1");
        rsaStore = genkey("server-rsa", "RSA", "SAN=ip:127.0.0.1");
        allowedClient = genkey("client-ok", "EC", "SAN=dns:prometheus.monitoring");
        otherClient = genkey("client-other", "EC", "SAN=dns:intruder.example");
    }

    @AfterEach
    void stop() throws IOException {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    private static Path genkey(String name, String algorithm, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        String[] command = {Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "k", "-keyalg", algorithm, "-dname", "CN=" + name, "-validity", "2", "-ext", san,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD};
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return store;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate certificate(Path store) throws Exception {
        return (X509Certificate) load(store).getCertificate("k");
    }

    private static PrivateKey key(Path store) throws Exception {
        return (PrivateKey) load(store).getKey("k", PASSWORD.toCharArray());
    }

    /** The key as PKCS#8, PKCS#1 (RSA) or SEC1 (EC), the encodings openssl and cert-manager write. */
    private static String keyPem(Path store, String encoding) throws Exception {
        PrivateKey key = key(store);
        byte[] pkcs8 = key.getEncoded();
        if (encoding.equals("PKCS8")) {
            return pem("PRIVATE KEY", pkcs8);
        }
        if (encoding.equals("PKCS1")) {
            // PrivateKeyInfo's OCTET STRING holds the PKCS#1 RSAPrivateKey
            PemFiles.Der info = new PemFiles.Der(pkcs8, 0);
            int at = info.contentStart;
            at = new PemFiles.Der(pkcs8, at).end; // version
            at = new PemFiles.Der(pkcs8, at).end; // algorithm
            PemFiles.Der octets = new PemFiles.Der(pkcs8, at);
            return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, octets.contentStart, octets.end));
        }
        // SEC1 ECPrivateKey { 1, d, [0] prime256v1 }
        byte[] d = ((ECPrivateKey) key).getS().toByteArray();
        if (d.length > 32) {
            d = Arrays.copyOfRange(d, d.length - 32, d.length);
        }
        byte[] prime256v1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        byte[] sec1 = PemFiles.sequence(PemFiles.concat(new byte[] {0x02, 0x01, 0x01}, PemFiles.tlv(0x04, d),
                PemFiles.tlv(0xa0, prime256v1)));
        return "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + pem("EC PRIVATE KEY", sec1);
    }

    /** Writes cert and key PEM files of a store; by a rename, as a secret volume swaps its files. */
    private static void writePem(Path store, String encoding, Path certFile, Path keyFile) throws Exception {
        Path tmp = dir.resolve("tmp.pem");
        Files.write(tmp, pem("CERTIFICATE", certificate(store).getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.write(tmp, keyPem(store, encoding).getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Config config(String... pairs) throws ConfigException {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Config.load(null, new Properties(), env);
    }

    private void start(Config config) throws Exception {
        start(config, new Metrics(Config.defaults(), "test", new InstrumentationStats()));
    }

    private void start(Config config, Metrics metrics) throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, "/metrics", metrics, null, ServerTls.load(config),
                MetricsEndpoint.limits(Config.defaults()), 10);
    }

    /** A client trusting {@code server}'s certificate, presenting {@code client}'s key when given. */
    private static SSLContext client(Path server, Path client) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate(server));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        KeyManagerFactory kmf = null;
        if (client != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(client), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** A scrape over TLS; returns the certificate the server presented. */
    private Certificate scrape(SSLContext context, String[] protocols, String[] suites) throws IOException {
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                endpoint.port())) {
            s.setSoTimeout(20_000);
            if (protocols != null) {
                s.setEnabledProtocols(protocols);
            }
            if (suites != null) {
                s.setEnabledCipherSuites(suites);
            }
            s.startHandshake();
            RawHttp http = new RawHttp(s);
            String response = http.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").response();
            if (!response.startsWith("HTTP/1.1 200 ") || !response.contains("weft_build_info")) {
                throw new IOException("not a scrape: " + response);
            }
            return s.getSession().getPeerCertificates()[0];
        }
    }

    private Certificate scrape(SSLContext context) throws IOException {
        return scrape(context, null, null);
    }

    @Test
    void pemKeysInEveryEncodingServe() throws Exception {
        Path cert = dir.resolve("enc.crt");
        Path key = dir.resolve("enc.key");
        for (Object[] c : new Object[][] {{ecStore, "PKCS8"}, {ecStore, "SEC1"}, {rsaStore, "PKCS8"}, {rsaStore, "PKCS1"}}) {
            writePem((Path) c[0], (String) c[1], cert, key);
            start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()));
            assertEquals(certificate((Path) c[0]), scrape(client((Path) c[0], null)), c[1] + " " + c[0]);
            endpoint.stop();
            endpoint = null;
        }
    }

    /** A page of several megabytes goes out in slices (Response.SLICE) through the TLS engine, whole. */
    @Test
    void aMultiMegabytePageArrivesWholeOverTls() throws Exception {
        Path cert = dir.resolve("large.crt");
        Path key = dir.resolve("large.key");
        writePem(ecStore, "PKCS8", cert, key);
        Metrics metrics = new Metrics(Config.load("max.series=2001", new Properties(), new HashMap<>()), "test",
                new InstrumentationStats());
        for (int i = 0; i < 2000; i++) {
            long start = metrics.client().start("GET", "127.0.0.1", 20000 + i);
            metrics.client().end(start, "GET", "127.0.0.1", 20000 + i, 0, new java.net.ConnectException());
        }
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()), metrics);
        try (SSLSocket s = (SSLSocket) client(ecStore, null).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                endpoint.port())) {
            s.setSoTimeout(20_000);
            String response = new RawHttp(s).send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").response();
            assertTrue(response.length() > 4 * Response.SLICE, response.length() + " bytes");
            assertEquals(2000, response.split("http_client_request_duration_seconds_count\\{", -1).length - 1);
            assertTrue(response.endsWith("\n"));
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartUp() throws Exception {
        Path cert = dir.resolve("mismatch.crt");
        Path key = dir.resolve("mismatch.key");
        Files.write(cert, pem("CERTIFICATE", certificate(ecStore).getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.write(key, keyPem(otherClient, "PKCS8").getBytes(StandardCharsets.US_ASCII));
        String message = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_CERT_FILE",
                cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()))).getMessage();
        assertEquals("WEFT_TLS_KEY_FILE=\"" + key + "\" is not the key of the first certificate in WEFT_TLS_CERT_FILE=\""
                + cert + "\"", message);
        Files.write(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n".getBytes());
        String encrypted = assertThrows(ConfigException.class, () -> ServerTls.load(config("WEFT_TLS_CERT_FILE",
                cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()))).getMessage();
        assertTrue(encrypted.contains("encrypted"), encrypted);
    }

    @Test
    void tls12IsTheFloorAndOnlyForwardSecretAeadSuitesAreOffered() throws Exception {
        Path cert = dir.resolve("floor.crt");
        Path key = dir.resolve("floor.key");
        writePem(rsaStore, "PKCS8", cert, key);
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()));
        SSLContext client = client(rsaStore, null);
        scrape(client);
        scrape(client, new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
        for (String suite : new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}) {
            assertThrows(SSLException.class, () -> scrape(client, new String[] {"TLSv1.2"}, new String[] {suite}),
                    suite + " is refused");
        }
        assertThrows(SSLException.class, () -> scrape(client, new String[] {"TLSv1.1"}, null), "TLS 1.1 is refused");
        endpoint.stop();
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString(),
                "WEFT_TLS_MIN_VERSION", "TLSv1.3"));
        scrape(client, new String[] {"TLSv1.3"}, null);
        assertThrows(SSLException.class, () -> scrape(client, new String[] {"TLSv1.2"}, null), "1.2 below the floor");
        endpoint.stop();
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString(),
                "WEFT_TLS_CIPHER_SUITES", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        scrape(client, new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"});
        assertThrows(SSLException.class, () -> scrape(client, new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}), "only the configured suite");
    }

    @Test
    void clientCertificatePoliciesAndAllowedNames() throws Exception {
        Path cert = dir.resolve("mtls.crt");
        Path key = dir.resolve("mtls.key");
        writePem(ecStore, "PKCS8", cert, key);
        Path cas = dir.resolve("clients-ca.crt");
        Files.write(cas, (pem("CERTIFICATE", certificate(allowedClient).getEncoded())
                + pem("CERTIFICATE", certificate(otherClient).getEncoded())).getBytes(StandardCharsets.US_ASCII));
        String[] base = {"WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString(),
                "WEFT_TLS_CLIENT_CA_FILE", cas.toString()};
        start(config(base));
        scrape(client(ecStore, allowedClient));
        scrape(client(ecStore, otherClient));
        assertThrows(IOException.class, () -> scrape(client(ecStore, null)), "require is the default with a CA file");
        endpoint.stop();
        start(config(concat(base, "WEFT_TLS_CLIENT_AUTH", "request")));
        scrape(client(ecStore, null));
        scrape(client(ecStore, allowedClient));
        endpoint.stop();
        start(config(concat(base, "WEFT_TLS_CLIENT_ALLOWED_NAMES", "prometheus.monitoring,other.example")));
        scrape(client(ecStore, allowedClient));
        assertThrows(IOException.class, () -> scrape(client(ecStore, otherClient)), "a trusted but unlisted name");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void changedFilesAreReadAgainWithoutAFailedScrape() throws Exception {
        Path cert = dir.resolve("reload.crt");
        Path key = dir.resolve("reload.key");
        writePem(ecStore, "PKCS8", cert, key);
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()));
        // trusts both, so what is seen is which one the server presents
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ec", certificate(ecStore));
        trusted.setCertificateEntry("rsa", certificate(rsaStore));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        assertEquals(certificate(ecStore), scrape(client));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger scrapes = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread scraper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    scrape(client);
                    scrapes.incrementAndGet();
                } catch (IOException e) {
                    synchronized (failures) {
                        failures.add(e.toString());
                    }
                }
            }
        });
        scraper.start();
        try {
            for (Path next : new Path[] {rsaStore, ecStore, rsaStore}) {
                writePem(next, "PKCS8", cert, key);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!certificate(next).equals(scrape(client)) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(certificate(next), scrape(client), "the new certificate is served");
            }
        } finally {
            stop.set(true);
            scraper.join(30_000);
        }
        assertTrue(scrapes.get() > 3, "scrapes ran during the switches: " + scrapes.get());
        assertEquals(List.of(), failures, "no scrape failed during " + scrapes.get());
    }

    @Test
    void aHalfWrittenPairKeepsThePreviousCertificate() throws Exception {
        Path cert = dir.resolve("half.crt");
        Path key = dir.resolve("half.key");
        writePem(ecStore, "PKCS8", cert, key);
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()));
        SSLContext client = client(ecStore, null);
        scrape(client);
        // the certificate renewed, its key not yet
        Files.write(cert, pem("CERTIFICATE", certificate(rsaStore).getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(3_000); // past the loop's check every 2 s
        assertEquals(certificate(ecStore), scrape(client), "the old pair serves until the new one is whole");
    }

    @Test
    void socketsStayHealthyWithoutAHandshake() throws Exception {
        Path cert = dir.resolve("silent.crt");
        Path key = dir.resolve("silent.key");
        writePem(ecStore, "PKCS8", cert, key);
        start(config("WEFT_TLS_CERT_FILE", cert.toString(), "WEFT_TLS_KEY_FILE", key.toString()));
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), endpoint.port()));
            }
            scrape(client(ecStore, null));
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }
}
