package dev.weft.smoke.app.google;

import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * The standard client calls with the Google HTTP Client on {@code ApacheHttpTransport}: Apache
 * HttpClient 4.5 underneath, built as the transport's default builder does (redirects and retries
 * left to the Google client), trusting the downstream's certificate. Otherwise as {@link NetMain}.
 */
public final class ApacheMain extends NetMain {

    private ApacheMain() {
        super(new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setSSLSocketFactory(new SSLConnectionSocketFactory(TrustAll.sslContext(), NoopHostnameVerifier.INSTANCE))
                .build()));
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new ApacheMain());
    }
}
