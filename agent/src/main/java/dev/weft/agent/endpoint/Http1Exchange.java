package dev.weft.agent.endpoint;

import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request and its response on a socket; collectors see it as the scrape request
 * (path and query parameters). Only what a scraper sends is understood: a request line and headers, no
 * body. The response is buffered so it always carries an exact {@code Content-Length}, and the
 * connection closes after it.
 */
final class Http1Exchange implements PrometheusScrapeRequest {

    /** Request line and headers together; a scraper sends a few hundred bytes. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Prometheus sends about five headers; proxies add a few. */
    static final int MAX_HEADERS = 64;

    private final Socket socket;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final Map<String, String> responseHeaders = new LinkedHashMap<String, String>();
    private ByteArrayOutputStream body;
    private int status;
    private boolean sent;

    private Http1Exchange(Socket socket, String method, String path, String query, Map<String, List<String>> headers) {
        this.socket = socket;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
    }

    /** Reads the request head; returns null (after answering 400 or 431) when it is not HTTP we accept. */
    static Http1Exchange read(Socket socket) throws IOException {
        // buffered: one system call (or one TLS record) per chunk instead of per byte
        InputStream in = new BufferedInputStream(socket.getInputStream(), 2048);
        List<String> lines = new ArrayList<String>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        for (int c; (c = in.read()) != -1; ) {
            if (++total > MAX_HEAD_BYTES) {
                return reject(socket, 431, "Request Header Fields Too Large");
            }
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                if (end == 0) {
                    break;
                }
                if (lines.size() > MAX_HEADERS) {
                    return reject(socket, 431, "Request Header Fields Too Large");
                }
                lines.add(line.substring(0, end));
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        if (lines.isEmpty()) {
            return reject(socket, 400, "Bad Request");
        }
        String[] requestLine = lines.get(0).split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            return reject(socket, 400, "Bad Request");
        }
        Map<String, List<String>> headers = new LinkedHashMap<String, List<String>>();
        for (String header : lines.subList(1, lines.size())) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                return reject(socket, 400, "Bad Request");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            List<String> values = headers.get(name);
            if (values == null) {
                values = new ArrayList<String>(1);
                headers.put(name, values);
            }
            values.add(header.substring(colon + 1).trim());
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        return new Http1Exchange(socket, requestLine[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), headers);
    }

    private static Http1Exchange reject(Socket socket, int status, String reason) throws IOException {
        byte[] text = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        write(socket.getOutputStream(), status, Collections.singletonMap("Content-Type", "text/plain; charset=utf-8"),
                text, true);
        return null;
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True when the client announced a body: a scrape has none, and none is ever read. */
    boolean declaresBody() {
        String length = header("content-length");
        return header("transfer-encoding") != null || (length != null && !length.equals("0"));
    }

    /** Answers with a small text body. */
    void respond(int status, String text) throws IOException {
        setHeader("Content-Type", "text/plain; charset=utf-8");
        OutputStream out = sendHeadersAndGetBody(status, 0);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        finish();
    }

    /** Drops whatever a failed handler had set (headers such as Content-Encoding, a partial body). */
    void discardResponse() {
        responseHeaders.clear();
        body = null;
        status = 0;
    }

    /** Writes the buffered response; the socket is closed by the caller. */
    void finish() throws IOException {
        if (sent) {
            return;
        }
        sent = true;
        boolean head = "HEAD".equals(method);
        byte[] bytes = body == null ? new byte[0] : body.toByteArray();
        if (!head || !responseHeaders.containsKey("Content-Length")) {
            responseHeaders.put("Content-Length", String.valueOf(bytes.length));
        }
        write(socket.getOutputStream(), status == 0 ? 500 : status, responseHeaders, bytes, !head);
    }

    private static void write(OutputStream out, int status, Map<String, String> headers, byte[] body, boolean withBody)
            throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (!headers.containsKey("Content-Length")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 401: return "Unauthorized";
            case 406: return "Not Acceptable";
            case 413: return "Content Too Large";
            case 431: return "Request Header Fields Too Large";
            case 503: return "Service Unavailable";
            default: return status < 500 ? "Client Error" : "Server Error";
        }
    }

    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestPath() {
        return path;
    }

    public String getQueryString() {
        return query;
    }

    public Enumeration<String> getHeaders(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return Collections.enumeration(values == null ? Collections.<String>emptyList() : values);
    }

    @Override
    public String[] getParameterValues(String name) {
        if (query == null) {
            return null;
        }
        List<String> values = new ArrayList<String>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values.isEmpty() ? null : values.toArray(new String[0]);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, "UTF-8");
        } catch (IOException | IllegalArgumentException e) {
            return s;
        }
    }

    public void setHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
        status = statusCode;
        body = new ByteArrayOutputStream(contentLength > 0 ? contentLength : 8192);
        return body;
    }
}
