package dev.weft.agent.endpoint;

import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * One parsed request and the response being built for it; collectors see it as the scrape request
 * (path and query parameters). Only what a scraper sends is understood: a head, no body (see
 * {@link RequestHead}). The response is buffered so it always carries an exact {@code Content-Length};
 * the event loop writes it, and the connection may then serve the next request.
 */
final class Http1Exchange implements PrometheusScrapeRequest {

    private final RequestHead request;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> responseHeaders = new LinkedHashMap<String, String>();
    private ByteArrayOutputStream body;
    /** A scrape's body, from {@link #sendPage}; held by this exchange until {@link #response} hands it on. */
    private PageBuffer page;
    private int status;

    Http1Exchange(RequestHead request) {
        this.request = request;
        this.method = request.method;
        String target = request.target;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? null : target.substring(q + 1);
    }

    /** When the request arrived, before it waited for a worker ({@link System#nanoTime()}). */
    long received() {
        return request.received;
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return request.header(name);
    }

    RequestHead request() {
        return request;
    }

    /** Answers with a small text body (a refusal from {@link Scrape}, such as a bad {@code debug}). */
    void respond(int status, String text) throws IOException {
        discardResponse();
        setHeader("Content-Type", "text/plain; charset=utf-8");
        sendHeadersAndGetBody(status, 0).write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops whatever a failed handler had set (headers such as Content-Encoding, a partial body). */
    void discardResponse() {
        responseHeaders.clear();
        body = null;
        if (page != null) {
            page.release();
            page = null;
        }
        status = 0;
    }

    /**
     * What the handler wrote, as a response; a handler that wrote nothing gets a 500. A page the
     * handler sent is the response's body as it is, not a copy, and the response holds it.
     */
    Response response() {
        if (status == 0) {
            discardResponse();
            return Response.text(500, "Weft could not produce the scrape.\n");
        }
        int length = page != null ? page.size : body == null ? 0 : body.size();
        Map<String, String> headers = new LinkedHashMap<String, String>(responseHeaders);
        if (!"HEAD".equals(method) || !headers.containsKey("Content-Length")) {
            headers.put("Content-Length", String.valueOf(length));
        }
        if (page != null) {
            Response r = new Response(status, headers, page, false);
            page = null;
            return r;
        }
        return new Response(status, headers, body == null ? new byte[0] : body.toByteArray(), false);
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
        List<String> values = request.values(name.toLowerCase(Locale.ROOT));
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

    /** Answers with a rendered page as the body; the exchange takes over the caller's hold on it. */
    void sendPage(int statusCode, PageBuffer rendered) {
        status = statusCode;
        page = rendered;
    }
}
