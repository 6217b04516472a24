package dev.weft.smoke.app.appserver;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /call}: one outgoing {@code HttpURLConnection} GET to the downstream named by the
 * {@code smoke.downstream} system property or the {@code SMOKE_DOWNSTREAM} environment variable
 * (a URL), answering with the downstream's status and body. Not a {@code WEFT_} name: the agent
 * reports those it does not know.
 */
@WebServlet("/call")
public class CallServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = System.getProperty("smoke.downstream", System.getenv("SMOKE_DOWNSTREAM"));
        if (target == null) {
            response.sendError(500, "no smoke.downstream or SMOKE_DOWNSTREAM");
            return;
        }
        HttpURLConnection connection = (HttpURLConnection) new URL(target).openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        int status = connection.getResponseCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    body.write(buffer, 0, n);
                }
            }
        }
        response.setContentType("text/plain");
        response.getWriter().print("downstream " + status + ": " + new String(body.toByteArray(), StandardCharsets.UTF_8));
    }
}
