package dev.weft.smoke.app.google;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.BackOff;
import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import java.nio.charset.StandardCharsets;

/**
 * The standard client calls with the Google HTTP Client on its default transport,
 * {@code NetHttpTransport} ({@code HttpURLConnection} underneath), 1 s connect and read timeouts.
 * The client follows the 302 itself, with a second connection, and throws
 * {@code HttpResponseException} for the 404 and the 503. Each request retries a 5xx once, after
 * {@value #RETRY_WAIT_MILLIS} ms (an {@code HttpBackOffUnsuccessfulResponseHandler}).
 */
public class NetMain implements Scenarios.Client {

    /** How long the client waits before it retries a 503 (GoogleHttpClientSmokeTest knows it too). */
    static final long RETRY_WAIT_MILLIS = 300;

    private final HttpRequestFactory requests;

    NetMain(HttpTransport transport) {
        requests = transport.createRequestFactory(NetMain::configure);
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new NetMain(new NetHttpTransport.Builder()
                .setSslSocketFactory(TrustAll.sslContext().getSocketFactory())
                .setHostnameVerifier(TrustAll.HOSTNAMES)
                .build()));
    }

    private static void configure(HttpRequest request) {
        request.setConnectTimeout(1000).setReadTimeout(1000);
        request.setUnsuccessfulResponseHandler(new HttpBackOffUnsuccessfulResponseHandler(new RetryOnce()));
    }

    @Override
    public int get(String url) throws Exception {
        return execute(requests.buildGetRequest(new GenericUrl(url)));
    }

    @Override
    public int post(String url, String body) throws Exception {
        return execute(requests.buildPostRequest(new GenericUrl(url),
                new ByteArrayContent("application/json", body.getBytes(StandardCharsets.UTF_8))));
    }

    private static int execute(HttpRequest request) throws Exception {
        HttpResponse response = request.execute();
        try {
            response.parseAsString();
            return response.getStatusCode();
        } finally {
            response.disconnect();
        }
    }

    /** One retry, after {@link #RETRY_WAIT_MILLIS}; a new one per request. */
    private static final class RetryOnce implements BackOff {
        private boolean retried;

        @Override
        public void reset() {
            retried = false;
        }

        @Override
        public long nextBackOffMillis() {
            if (retried) {
                return STOP;
            }
            retried = true;
            return RETRY_WAIT_MILLIS;
        }
    }
}
