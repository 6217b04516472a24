package dev.weft.agent.endpoint;

import dev.weft.agent.Log;
import dev.weft.agent.config.Config;
import dev.weft.agent.config.ConfigException;
import dev.weft.agent.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the endpoint, from the keystore (and, for mutual TLS, the truststore) in configuration.
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.load(config);       // null without WEFT_TLS_KEYSTORE; bad stores throw
 * SSLSocket secure = tls.wrap(acceptedSocket);  // on a worker thread; the handshake runs on first use
 * }</pre>
 *
 * <p>The stores are read once, at start-up, so that a wrong path or password is one {@code weft:}
 * line and the agent stays off, instead of an endpoint that fails every scrape. The TLS context
 * itself is made when the first client connects (see {@link #context()}). Connections are
 * accepted as plain TCP and layered with TLS on the worker: the accepting thread never waits for a
 * handshake, and closing the plain socket at a deadline ends a handshake that a client stalls.
 */
final class ServerTls implements Http1Server.Tls {

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final boolean clientCertificateRequired;
    private SSLContext context;
    private boolean failureReported;

    private ServerTls(KeyManager[] keyManagers, TrustManager[] trustManagers) {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.clientCertificateRequired = trustManagers != null;
    }

    /** Null when TLS is not configured; otherwise the stores are read and checked now. */
    static ServerTls load(Config config) throws ConfigException {
        if (config.tlsKeystore() == null) {
            return null;
        }
        KeyStore keys = open(config, Setting.TLS_KEYSTORE, passwordName(config, Setting.TLS_KEYSTORE_PASSWORD,
                Setting.TLS_KEYSTORE_PASSWORD_FILE), config.tlsKeystore(),
                config.tlsKeystorePassword(), config.tlsKeystoreType());
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(keys.aliases())) {
                hasKey |= keys.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new ConfigException(config.nameOf(Setting.TLS_KEYSTORE) + "=\"" + config.tlsKeystore()
                        + "\" holds no private key; the endpoint needs its key and certificate");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            try {
                keyManagers.init(keys, config.tlsKeystorePassword().toCharArray());
            } catch (UnrecoverableKeyException e) {
                throw new ConfigException(config.nameOf(Setting.TLS_KEYSTORE) + "=\"" + config.tlsKeystore()
                        + "\" holds a key whose password differs from the keystore's; Weft needs them to be the same");
            }
            TrustManagerFactory trustManagers = null;
            if (config.tlsTruststore() != null) {
                KeyStore trusted = open(config, Setting.TLS_TRUSTSTORE, passwordName(config,
                        Setting.TLS_TRUSTSTORE_PASSWORD, Setting.TLS_TRUSTSTORE_PASSWORD_FILE),
                        config.tlsTruststore(), config.tlsTruststorePassword(), config.tlsTruststoreType());
                boolean hasCertificate = false;
                for (String alias : Collections.list(trusted.aliases())) {
                    hasCertificate |= trusted.isCertificateEntry(alias) || trusted.getCertificate(alias) != null;
                }
                if (!hasCertificate) {
                    throw new ConfigException(config.nameOf(Setting.TLS_TRUSTSTORE) + "=\"" + config.tlsTruststore()
                            + "\" holds no certificate; no client could be accepted");
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trusted);
            }
            return new ServerTls(keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(config.nameOf(Setting.TLS_KEYSTORE) + "=\"" + config.tlsKeystore()
                    + "\" cannot be used for TLS (" + e + ")");
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

    /**
     * Made at the first connection, not in premain: the JDK's TLS classes read system properties such
     * as {@code jdk.tls.server.protocols} once, when they initialise, and the application may still
     * set them in its main method.
     */
    private synchronized SSLContext context() throws IOException {
        if (context == null) {
            try {
                SSLContext made = SSLContext.getInstance("TLS");
                made.init(keyManagers, trustManagers, null);
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

    @Override
    public TlsSession open(InetSocketAddress peer) throws IOException {
        SSLEngine engine = context().createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(clientCertificateRequired);
        return new TlsSession(engine);
    }

    @Override
    public void tick() {
        // stores are read once
    }

    boolean clientCertificateRequired() {
        return clientCertificateRequired;
    }
}
