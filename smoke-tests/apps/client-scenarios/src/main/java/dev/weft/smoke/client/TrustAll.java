package dev.weft.smoke.client;

import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS settings for calling the smoke downstream over HTTPS: WireMock's certificate is self-signed
 * and names {@code localhost}, while the apps call {@code 127.0.0.1}.
 *
 * <pre>{@code
 * connection.setSSLSocketFactory(TrustAll.sslContext().getSocketFactory());
 * connection.setHostnameVerifier(TrustAll.HOSTNAMES);
 * okHttp.sslSocketFactory(TrustAll.sslContext().getSocketFactory(), TrustAll.MANAGER);
 * }</pre>
 *
 * The trust manager is an {@code X509ExtendedTrustManager}, which also skips the endpoint
 * identification that {@code java.net.http.HttpClient} asks of it (a plain {@code X509TrustManager}
 * gets wrapped by the JDK, which would then check the host name). Libraries with their own
 * hostname check are told to skip it by each app. Test code only: never trust every certificate
 * outside a test.
 */
public final class TrustAll {

    public static final HostnameVerifier HOSTNAMES = (host, session) -> true;

    public static final X509ExtendedTrustManager MANAGER = new X509ExtendedTrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustAll() {}

    public static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {MANAGER}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
