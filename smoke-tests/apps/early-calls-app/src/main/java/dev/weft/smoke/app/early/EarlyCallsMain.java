package dev.weft.smoke.app.early;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.hc.client5.http.classic.methods.HttpOptions;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.http.client.methods.HttpPost;

/**
 * Makes its HTTP calls as the very first statements of {@code main}, one per instrumented client
 * library and each with its own method, so the scrape tells them apart; then starts embedded Tomcat
 * and serves one request, its own. Prints the status of each, then READY.
 *
 * <pre>
 * HttpURLConnection             GET     /any
 * java.net.http send            PUT     /any
 * java.net.http sendAsync       DELETE  /any
 * Apache HttpClient 4           POST    /any
 * Apache HttpClient 5 classic   OPTIONS /any
 * OkHttp 4                      HEAD    /any
 * served by Tomcat              GET     /hello (called with HttpURLConnection)
 * </pre>
 *
 * Arguments: the downstream's port, the app's own port.
 */
public final class EarlyCallsMain {

    public static void main(String[] args) throws Exception {
        String any = "http://127.0.0.1:" + Integer.parseInt(args[0]) + "/any";
        System.out.println("HttpURLConnection " + urlConnection(any));
        HttpClient jdk = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(any));
        System.out.println("java.net.http " + jdk.send(request.PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        System.out.println("java.net.http async " + jdk.sendAsync(request.DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).get().statusCode());
        try (org.apache.http.impl.client.CloseableHttpClient client4 = org.apache.http.impl.client.HttpClients.createDefault();
             org.apache.http.client.methods.CloseableHttpResponse response = client4.execute(new HttpPost(any))) {
            System.out.println("httpclient4 " + response.getStatusLine().getStatusCode());
        }
        try (CloseableHttpClient client5 = HttpClients.createDefault()) {
            System.out.println("httpclient5 " + client5.execute(new HttpOptions(any), response -> response.getCode()));
        }
        OkHttpClient okhttp = new OkHttpClient();
        try (okhttp3.Response response = okhttp.newCall(new Request.Builder().url(any).head().build()).execute()) {
            System.out.println("okhttp " + response.code());
        }
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();

        int port = Integer.parseInt(args[1]);
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("hello\n");
            }
        });
        context.addServletMappingDecoded("/hello", "hello");
        tomcat.start();
        System.out.println("served " + urlConnection("http://127.0.0.1:" + port + "/hello"));
        System.out.println("READY");
    }

    private static int urlConnection(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        int status = connection.getResponseCode();
        try (InputStream body = connection.getInputStream()) {
            while (body.read() != -1) {
                // drain, so the connection can be reused
            }
        }
        return status;
    }
}
