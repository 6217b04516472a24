package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from PEM files and basic auth from a bcrypt users file, as a Kubernetes deployment would set
 * them, in a real JVM with {@code -javaagent:}: scrapes with either user over kept-alive TLS
 * connections (one handshake for many scrapes), then the certificate files replaced on disk while
 * scrapes keep running, none of which may fail, until the new certificate is served.
 */
class EndpointPemTlsSmokeTest {

    /** Made with jBCrypt; user prometheus, password scrape-Pw-1, in htpasswd's $2y$ spelling. */
    private static final String PROMETHEUS_HASH = "$2y$08$9XhH/adLn3FGAV3JSzalNOlkyJy5ubWDeNUXNWCBld6V6WjXQeUWO";
    /** Made with libxcrypt's crypt(3) (Python's crypt module), a second implementation; password backup-Pw-2. */
    private static final String BACKUP_HASH = "$2b$06$A2/0iEgTZqajEjpruORmR.pni5KBM8CaQv/w.VCMpw8bjZE/o1LCC";

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, Keystores.PASSWORD.toCharArray());
        }
        return ks;
    }

    /** tls.crt and tls.key of a keystore's pair, each swapped in by a rename like a secret volume's. */
    private void writePem(Path p12, Path cert, Path key) throws Exception {
        KeyStore ks = load(p12);
        Path tmp = dir.resolve("next.pem");
        Files.write(tmp, pem("CERTIFICATE", ks.getCertificate("weft").getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PrivateKey k = (PrivateKey) ks.getKey("weft", Keystores.PASSWORD.toCharArray());
        Files.write(tmp, pem("PRIVATE KEY", k.getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pemFilesAndBcryptUsersServeAndRenewedCertificatesAreTakenWithoutAFailedScrape() throws Exception {
        Keystores first = Keystores.create(Files.createDirectories(dir.resolve("first")));
        Keystores second = Keystores.create(Files.createDirectories(dir.resolve("second")));
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        writePem(first.serverP12, cert, key);
        Path users = Files.write(dir.resolve("web.yml"), ("basic_auth_users:\n  prometheus: " + PROMETHEUS_HASH
                + "\n  backup: " + BACKUP_HASH + "\n").getBytes(StandardCharsets.UTF_8));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("first", load(first.serverP12).getCertificate("weft"));
        trusted.setCertificateEntry("second", load(second.serverP12).getCertificate("weft"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        try (AgentJvm app = AgentJvm.app("servlet-jakarta-app", "dev.weft.smoke.app.jakarta.TomcatMain")
                .arg(Ports.free())
                .env("WEFT_TLS_CERT_FILE", cert.toString()).env("WEFT_TLS_KEY_FILE", key.toString())
                .env("WEFT_AUTH_USERS_FILE", users.toString())
                .withoutEndpoint().start()) {
            Connection c = awaitConnection(client, app);
            String started = app.weftLines().stream().filter(l -> l.contains("serving metrics")).findFirst().orElse("");
            assertTrue(started.contains("https://") && started.contains("with TLS, basic auth"), started);

            // one handshake, many scrapes: what Prometheus, which keeps its connections, pays
            try {
                for (String[] user : new String[][] {{"prometheus", "scrape-Pw-1"}, {"backup", "backup-Pw-2"},
                        {"prometheus", "scrape-Pw-1"}}) {
                    String response = c.get("/metrics", basic(user[0], user[1]));
                    assertTrue(response.startsWith("HTTP/1.1 200 ") && response.contains("weft_build_info"),
                            user[0] + ": " + response);
                    assertTrue(response.contains("Cache-Control: no-store\r\n")
                            && response.contains("X-Content-Type-Options: nosniff\r\n"), response);
                }
                assertTrue(c.get("/metrics", basic("backup", "scrape-Pw-1")).startsWith("HTTP/1.1 401 "));
                assertTrue(c.get("/metrics", basic("nobody", "scrape-Pw-1")).startsWith("HTTP/1.1 401 "));
                assertEquals(1, c.handshakes.get(), "one TLS handshake for five requests");
                assertEquals(load(first.serverP12).getCertificate("weft"), c.peer());
            } finally {
                c.close();
            }

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger scrapes = new AtomicInteger();
            List<String> failures = new ArrayList<>();
            Thread scraper = new Thread(() -> {
                while (!stop.get()) {
                    try (Connection fresh = new Connection(client, app.metricsPort())) {
                        String response = fresh.get("/metrics", basic("prometheus", "scrape-Pw-1"));
                        if (!response.startsWith("HTTP/1.1 200 ")) {
                            throw new IOException(response.substring(0, Math.min(100, response.length())));
                        }
                        scrapes.incrementAndGet();
                    } catch (IOException e) {
                        synchronized (failures) {
                            failures.add(e.toString());
                        }
                    }
                }
            }, "renewal-scraper");
            scraper.start();
            Certificate renewed = load(second.serverP12).getCertificate("weft");
            Certificate served;
            try {
                writePem(second.serverP12, cert, key);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                do {
                    Thread.sleep(200);
                    try (Connection probe = new Connection(client, app.metricsPort())) {
                        served = probe.peer();
                    }
                } while (!served.equals(renewed) && System.nanoTime() < deadline);
                Thread.sleep(1_000);
            } finally {
                stop.set(true);
                scraper.join(30_000);
            }
            System.out.println("certificate renewed on disk: " + scrapes.get() + " scrapes during the switch, "
                    + failures.size() + " failed");
            assertEquals(renewed, served, "the renewed certificate is served without a restart");
            assertEquals(List.of(), failures);
            assertTrue(scrapes.get() > 3, "scrapes ran during the switch: " + scrapes.get());
            assertTrue(app.weftLines().stream().anyMatch(l -> l.contains("TLS files re-read")), app.output());
        }
    }

    private static Connection awaitConnection(SSLContext client, AgentJvm app) throws Exception {
        long deadline = System.nanoTime() + AgentJvm.START_TIMEOUT.toNanos();
        while (true) {
            try {
                return new Connection(client, app.metricsPort());
            } catch (IOException notYet) {
                if (!app.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no TLS endpoint: " + notYet + "\n" + app.output());
                }
                Thread.sleep(100);
            }
        }
    }

    /** One kept-alive TLS connection, reading responses by their Content-Length. */
    private static final class Connection implements AutoCloseable {
        final SSLSocket socket;
        final AtomicInteger handshakes = new AtomicInteger();

        Connection(SSLContext context, int port) throws IOException {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
            socket.setSoTimeout(20_000);
            socket.addHandshakeCompletedListener(e -> handshakes.incrementAndGet());
            socket.startHandshake();
        }

        Certificate peer() throws IOException {
            return socket.getSession().getPeerCertificates()[0];
        }

        String get(String path, String authorization) throws IOException {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + authorization + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed inside a response head: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
