package dev.weft.agent.endpoint;

import dev.weft.agent.Log;
import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

/**
 * TLS for the endpoint: the server's key and certificate from a keystore (PKCS12, JKS) or PEM files,
 * client certificates checked against a truststore or PEM CA file, all re-read when their files change.
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.load(config);        // null without TLS settings; bad files throw
 * TlsSession s = tls.open(peer);                 // on the event loop, per connection
 * tls.tick();                                    // every few seconds: re-reads changed files
 * }</pre>
 *
 * <p>Defaults for an endpoint that only Prometheus talks to: TLS 1.2 at least and only
 * forward-secret AEAD suites ({@link #DEFAULT_SUITES}), whatever the JDK's {@code java.security}
 * would still allow. Both are settable ({@code WEFT_TLS_MIN_VERSION}, {@code WEFT_TLS_CIPHER_SUITES}).
 *
 * <p>Files are read at start-up, so that a wrong path or password is one {@code weft:} line and the
 * agent stays off. After that a changed file (cert-manager renewing a certificate, a Kubernetes
 * secret volume swapping its {@code ..data} link) is read again; when the new key and certificate
 * belong together they replace the old ones for new handshakes, otherwise the old ones stay and one
 * line a minute says why. Handshakes in flight finish with the material they started with: key
 * manager aliases carry a generation, so a switch between choosing a certificate and using it
 * cannot mix an old alias with a new store.
 *
 * <p>The TLS context itself is made when the first client connects: the JDK's TLS classes read
 * system properties such as {@code jdk.tls.server.protocols} once, when they initialise, and the
 * application may still set them in its main method.
 */
final class ServerTls implements Http1Server.Tls {

    /** Forward secrecy (ECDHE, or TLS 1.3) and AEAD only; the order is the server's preference. */
    static final List<String> DEFAULT_SUITES = Collections.unmodifiableList(Arrays.asList(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

    private final Config config;
    private final ReloadingKeys keys;
    private final ReloadingTrust trust;
    private final String clientAuth;
    private final List<String> suites;
    private final List<String> protocols;
    private SSLContext context;
    private String[] enabledSuites;
    private String[] enabledProtocols;
    private boolean failureReported;
    /** Files and the modification stamps they had when last read successfully. */
    private Map<Path, String> stamps;

    private ServerTls(Config config, X509KeyManager keyManager, X509ExtendedTrustManager trustManager,
                      Map<Path, String> stamps) {
        this.config = config;
        this.keys = new ReloadingKeys(keyManager);
        this.trust = trustManager == null ? null
                : new ReloadingTrust(trustManager, new HashSet<String>(config.tlsClientAllowedNames()));
        this.clientAuth = config.tlsClientAuth();
        this.suites = config.tlsCipherSuites().isEmpty() ? DEFAULT_SUITES : config.tlsCipherSuites();
        this.protocols = config.tlsMinVersion().equals("TLSv1.3") ? Collections.singletonList("TLSv1.3")
                : Arrays.asList("TLSv1.3", "TLSv1.2");
        this.stamps = stamps;
    }

    /** Null when TLS is not configured; otherwise the files are read and checked now. */
    static ServerTls load(Config config) throws ConfigException {
        if (!config.tls()) {
            return null;
        }
        Map<Path, String> stamps = stamps(config);
        return new ServerTls(config, readKeys(config), readTrust(config), stamps);
    }

    /** Files whose change means a reload, with their current stamps. */
    private static Map<Path, String> stamps(Config config) {
        Map<Path, String> stamps = new LinkedHashMap<Path, String>();
        for (String file : new String[] {config.tlsKeystore(), config.tlsCertFile(), config.tlsKeyFile(),
                config.tlsTruststore(), config.tlsClientCaFile()}) {
            if (file != null) {
                Path path = Paths.get(file);
                stamps.put(path, stamp(path));
            }
        }
        return stamps;
    }

    private static String stamp(Path path) {
        try {
            // follows links, so a secret volume's swapped ..data link counts as a change
            return Files.getLastModifiedTime(path).toMillis() + "/" + Files.size(path);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static X509KeyManager readKeys(Config config) throws ConfigException {
        KeyStore store;
        char[] password;
        String name;
        if (config.tlsKeystore() != null) {
            name = config.nameOf(Setting.TLS_KEYSTORE) + "=\"" + config.tlsKeystore() + "\"";
            store = open(config, Setting.TLS_KEYSTORE, passwordName(config, Setting.TLS_KEYSTORE_PASSWORD,
                    Setting.TLS_KEYSTORE_PASSWORD_FILE), config.tlsKeystore(),
                    config.tlsKeystorePassword(), config.tlsKeystoreType());
            password = config.tlsKeystorePassword().toCharArray();
            try {
                boolean hasKey = false;
                for (String alias : Collections.list(store.aliases())) {
                    hasKey |= store.isKeyEntry(alias);
                }
                if (!hasKey) {
                    throw new ConfigException(name + " holds no private key; the endpoint needs its key and certificate");
                }
            } catch (GeneralSecurityException e) {
                throw new ConfigException(name + " cannot be used for TLS (" + e + ")");
            }
        } else {
            name = config.nameOf(Setting.TLS_CERT_FILE) + "=\"" + config.tlsCertFile() + "\"";
            String keyName = config.nameOf(Setting.TLS_KEY_FILE) + "=\"" + config.tlsKeyFile() + "\"";
            List<X509Certificate> chain = certificates(config.tlsCertFile(), name);
            PrivateKey key;
            try {
                key = PemFiles.privateKey(Paths.get(config.tlsKeyFile()));
            } catch (NoSuchFileException e) {
                throw new ConfigException(keyName + " cannot be read (no such file)");
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new ConfigException(keyName + " is not a PEM private key (" + e.getMessage() + ")");
            }
            if (!belongTogether(key, chain.get(0))) {
                throw new ConfigException(keyName + " is not the key of the first certificate in " + name);
            }
            password = randomPassword();
            try {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("weft", key, password, chain.toArray(new X509Certificate[0]));
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(name + " cannot be used for TLS (" + e + ")");
            }
        }
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            try {
                factory.init(store, password);
            } catch (UnrecoverableKeyException e) {
                throw new ConfigException(name + " holds a key whose password differs from the keystore's; Weft needs"
                        + " them to be the same");
            }
            for (KeyManager m : factory.getKeyManagers()) {
                if (m instanceof X509KeyManager) {
                    return (X509KeyManager) m;
                }
            }
            throw new ConfigException(name + " gives no X.509 key manager");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(name + " cannot be used for TLS (" + e + ")");
        }
    }

    private static List<X509Certificate> certificates(String file, String name) throws ConfigException {
        try {
            return PemFiles.certificates(Paths.get(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + " cannot be read (no such file)");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(name + " is not a PEM certificate file (" + e.getMessage() + ")");
        }
    }

    /** A signature made with the key verifies with the certificate: a pair caught mid-renewal does not. */
    static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm();
        String signature = algorithm.equals("EC") ? "SHA256withECDSA" : algorithm.equals("RSA") ? "SHA256withRSA"
                : algorithm;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        char[] password = new char[32];
        for (int i = 0; i < bytes.length; i++) {
            password[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xf, 16);
            password[2 * i + 1] = Character.forDigit(bytes[i] & 0xf, 16);
        }
        return password;
    }

    private static X509ExtendedTrustManager readTrust(Config config) throws ConfigException {
        KeyStore trusted;
        String name;
        if (config.tlsTruststore() != null) {
            name = config.nameOf(Setting.TLS_TRUSTSTORE) + "=\"" + config.tlsTruststore() + "\"";
            trusted = open(config, Setting.TLS_TRUSTSTORE, passwordName(config, Setting.TLS_TRUSTSTORE_PASSWORD,
                    Setting.TLS_TRUSTSTORE_PASSWORD_FILE), config.tlsTruststore(), config.tlsTruststorePassword(),
                    config.tlsTruststoreType());
        } else if (config.tlsClientCaFile() != null) {
            name = config.nameOf(Setting.TLS_CLIENT_CA_FILE) + "=\"" + config.tlsClientCaFile() + "\"";
            List<X509Certificate> cas = certificates(config.tlsClientCaFile(), name);
            try {
                trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                for (int i = 0; i < cas.size(); i++) {
                    trusted.setCertificateEntry("ca-" + i, cas.get(i));
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(name + " cannot be used for TLS (" + e + ")");
            }
        } else {
            return null;
        }
        try {
            boolean hasCertificate = false;
            for (String alias : Collections.list(trusted.aliases())) {
                hasCertificate |= trusted.isCertificateEntry(alias) || trusted.getCertificate(alias) != null;
            }
            if (!hasCertificate) {
                throw new ConfigException(name + " holds no certificate; no client could be accepted");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) m;
                }
            }
            throw new ConfigException(name + " gives no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(name + " cannot be used for TLS (" + e + ")");
        }
    }

    /** The password setting the user actually set, for messages. */
    private static String passwordName(Config config, Setting value, Setting file) {
        return config.isSet(file) ? config.nameOf(file) : config.nameOf(value);
    }

    private static KeyStore open(Config config, Setting store, String password, String path, String secret,
                                 String type) throws ConfigException {
        String name = config.nameOf(store) + "=\"" + path + "\"";
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, secret.toCharArray());
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + " cannot be read (no such file)");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigException(name + " cannot be opened with the password from "
                        + password + " (wrong password)");
            }
            // a file that is not a keystore of this type, or one that cannot be read at all
            throw new ConfigException(name + " cannot be read as a " + type + " keystore with the password from "
                    + password + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(name + " cannot be read as a " + type + " keystore (" + e + ")");
        }
    }

    /** Made at the first connection, not in premain (see the class comment). */
    private SSLContext context() throws IOException {
        if (context == null) {
            try {
                SSLContext made = SSLContext.getInstance("TLS");
                made.init(new KeyManager[] {keys}, trust == null ? null : new TrustManager[] {trust}, null);
                SSLParameters supported = made.getSupportedSSLParameters();
                enabledSuites = intersect(suites, supported.getCipherSuites());
                enabledProtocols = intersect(protocols, supported.getProtocols());
                if (enabledSuites.length == 0 || enabledProtocols.length == 0) {
                    throw new GeneralSecurityException("this JDK supports none of the cipher suites " + suites
                            + " with " + protocols);
                }
                context = made;
            } catch (GeneralSecurityException e) {
                if (!failureReported) {
                    failureReported = true;
                    Log.error("cannot set up TLS for the metrics endpoint, which refuses every connection: " + e);
                }
                throw new IOException("cannot set up TLS", e);
            }
        }
        return context;
    }

    private static String[] intersect(List<String> wanted, String[] supported) {
        Set<String> available = new HashSet<String>(Arrays.asList(supported));
        List<String> both = new ArrayList<String>();
        for (String w : wanted) {
            if (available.contains(w)) {
                both.add(w);
            }
        }
        return both.toArray(new String[0]);
    }

    @Override
    public TlsSession open(InetSocketAddress peer) throws IOException {
        SSLEngine engine = context().createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(enabledProtocols);
        parameters.setCipherSuites(enabledSuites);
        parameters.setUseCipherSuitesOrder(true);
        if (clientAuth.equals("require")) {
            parameters.setNeedClientAuth(true);
        } else if (clientAuth.equals("request")) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return new TlsSession(engine);
    }

    /** Re-reads the files when one changed; keeps the old material when the new one is not usable. */
    @Override
    public void tick() {
        Map<Path, String> now = stamps(config);
        if (now.equals(stamps)) {
            return;
        }
        try {
            X509KeyManager newKeys = readKeys(config);
            X509ExtendedTrustManager newTrust = readTrust(config);
            keys.replace(newKeys);
            if (trust != null && newTrust != null) {
                trust.current = newTrust;
            }
            // a new context, made at the next connection: a client resuming a session of the old one
            // (its cache, its TLS 1.3 ticket keys) would otherwise keep seeing the old certificate
            context = null;
            stamps = now;
            Log.info("metrics endpoint: TLS files re-read after a change; new connections use them");
        } catch (ConfigException e) {
            // perhaps caught between writing the certificate and the key: tried again at the next tick
            FailureLog.warn("tls-reload", "metrics endpoint: a changed TLS file cannot be used yet, the previous"
                    + " certificate stays: " + e.getMessage());
        }
    }

    boolean clientCertificateRequired() {
        return clientAuth.equals("require");
    }

    /** For the start-up line. */
    String describe() {
        return clientAuth.equals("require") ? "mutual TLS" : clientAuth.equals("request") ? "TLS, client certificates"
                + " requested" : "TLS";
    }

    /** The current key manager behind one that handshakes keep; aliases carry their generation. */
    static final class ReloadingKeys extends X509ExtendedKeyManager {
        private volatile X509KeyManager current;
        private volatile X509KeyManager previous;
        private volatile int generation;

        ReloadingKeys(X509KeyManager first) {
            this.current = first;
        }

        synchronized void replace(X509KeyManager next) {
            previous = current;
            current = next;
            generation++;
        }

        private String tag(String alias) {
            return alias == null ? null : generation + ":" + alias;
        }

        /** The manager an alias was chosen from: the current one, or the one it replaced. */
        private synchronized X509KeyManager owner(String tagged) {
            int colon = tagged == null ? -1 : tagged.indexOf(':');
            if (colon < 0) {
                return null;
            }
            int g;
            try {
                g = Integer.parseInt(tagged.substring(0, colon));
            } catch (NumberFormatException e) {
                return null;
            }
            int now = generation;
            return g == now ? current : g == now - 1 ? previous : null;
        }

        private static String untag(String tagged) {
            return tagged.substring(tagged.indexOf(':') + 1);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            synchronized (this) {
                X509KeyManager m = current;
                String alias = m instanceof X509ExtendedKeyManager
                        ? ((X509ExtendedKeyManager) m).chooseEngineServerAlias(keyType, issuers, engine)
                        : m.chooseServerAlias(keyType, issuers, null);
                return tag(alias);
            }
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            synchronized (this) {
                return tag(current.chooseServerAlias(keyType, issuers, socket));
            }
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            X509KeyManager m = owner(alias);
            return m == null ? null : m.getCertificateChain(untag(alias));
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            X509KeyManager m = owner(alias);
            return m == null ? null : m.getPrivateKey(untag(alias));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return current.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null; // a server only
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The current trust manager, and the subject alternative names a client certificate must carry one of. */
    static final class ReloadingTrust extends X509ExtendedTrustManager {
        volatile X509ExtendedTrustManager current;
        private final Set<String> allowedNames;

        ReloadingTrust(X509ExtendedTrustManager first, Set<String> allowedNames) {
            this.current = first;
            this.allowedNames = allowedNames;
        }

        private void allowed(X509Certificate[] chain) throws CertificateException {
            if (allowedNames.isEmpty()) {
                return;
            }
            Collection<List<?>> names = chain.length == 0 ? null : chain[0].getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    // [type, value]: DNS (2), URI (6) and IP address (7) are strings
                    if (name.size() == 2 && name.get(1) instanceof String && allowedNames.contains(name.get(1))) {
                        return;
                    }
                }
            }
            throw new CertificateException("the client certificate names none of the allowed subject alternative"
                    + " names");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current.checkClientTrusted(chain, authType, engine);
            allowed(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current.checkClientTrusted(chain, authType, socket);
            allowed(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current.checkClientTrusted(chain, authType);
            allowed(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return current.getAcceptedIssuers();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a server only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a server only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server only");
        }
    }
}
