package dev.weft.smoke.client;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts any certificate, for the apps' HTTPS call to WireMock's self-signed one:
 * {@code builder.sslSocketFactory(TrustAll.context().getSocketFactory(), TrustAll.MANAGER)}.
 * Test code only; hostname verification is turned off by each app with its library's own switch.
 */
public final class TrustAll {

    public static final X509TrustManager MANAGER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustAll() {}

    public static SSLContext context() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {MANAGER}, new SecureRandom());
        return context;
    }
}
