package dev.weft.smoke.app.apache4;

import dev.weft.smoke.client.Scenarios;
import dev.weft.smoke.client.TrustAll;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** The standard client calls with Apache HttpClient 4.x, as an application builds it: {@code HttpClients.custom()}. */
public final class Main implements Scenarios.Client {

    private final CloseableHttpClient client;

    private Main() throws Exception {
        client = HttpClients.custom()
                .setSSLSocketFactory(new SSLConnectionSocketFactory(TrustAll.sslContext(), NoopHostnameVerifier.INSTANCE))
                .setDefaultRequestConfig(RequestConfig.custom().setSocketTimeout(1000).setConnectTimeout(1000).build())
                .build();
    }

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new Main());
    }

    @Override
    public int get(String url) throws Exception {
        return call(new HttpGet(url));
    }

    @Override
    public int post(String url, String body) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return call(post);
    }

    private int call(HttpUriRequest request) throws Exception {
        try (CloseableHttpResponse response = client.execute(request)) {
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        }
    }
}
