package dev.weft.agent.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete response, status line to last body byte, ready for the event loop to write.
 *
 * <pre>{@code
 * Response r = Response.text(404, "Not found.\n");
 * ByteBuffer[] wire = r.wire(false, true);   // GET on a connection that stays open
 * }</pre>
 *
 * <p>Every response carries an exact {@code Content-Length}, {@code Cache-Control: no-store} (a
 * scrape is a snapshot, and a page behind basic auth must not land in a shared cache) and
 * {@code X-Content-Type-Options: nosniff} (a browser takes a body for what its Content-Type says: a
 * scrape or an error text is never taken for HTML; only the live page is HTML).
 * The body is shared, never copied: cached scrapes hand the same array to many connections. A scrape's
 * body is a {@link PageBuffer} from a pool: each connection that writes it holds it from
 * {@link #retain} until {@link #release}, and the buffer is reused once nobody does.
 */
final class Response {

    /** The most of a body one buffer of {@link #wire} holds. */
    static final int SLICE = 256 * 1024;

    final int status;
    final Map<String, String> headers;
    final byte[] body;
    /** The body's length: a page's array is larger than its content. */
    final int length;
    /** The page the body is, or null for a body of its own. */
    private final PageBuffer page;
    /** The connection closes after this response (refusals, or the client asked for it). */
    final boolean close;

    Response(int status, Map<String, String> headers, byte[] body, boolean close) {
        this(status, headers, body, body.length, null, close);
    }

    /** A response whose body is {@code page}; the page's holder becomes this response's first holder. */
    Response(int status, Map<String, String> headers, PageBuffer page, boolean close) {
        this(status, headers, page.bytes, page.size, page, close);
    }

    private Response(int status, Map<String, String> headers, byte[] body, int length, PageBuffer page, boolean close) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.length = length;
        this.page = page;
        this.close = close;
    }

    /** One more holder of the body: a connection that will write it, or a cache that keeps it. */
    Response retain() {
        if (page != null) {
            page.retain();
        }
        return this;
    }

    /** A holder is done with the body (written, dropped, evicted). */
    void release() {
        if (page != null) {
            page.release();
        }
    }

    static Response text(int status, String text) {
        return text(status, text, false);
    }

    static Response text(int status, String text, boolean close) {
        Map<String, String> headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return new Response(status, headers, text.getBytes(StandardCharsets.UTF_8), close);
    }

    /** The same response (and the same holder of its body) on a connection that then closes. */
    Response closing() {
        return close ? this : new Response(status, headers, body, length, page, true);
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<String, String>(headers);
        more.put(name, value);
        return new Response(status, more, body, length, page, close);
    }

    /** Head and body buffers; a HEAD request gets the head only, with the length the GET would have. */
    ByteBuffer[] wire(boolean headRequest, boolean keepOpen) {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (!headers.containsKey("Content-Length")) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n");
        head.append(keepOpen && !close ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        ByteBuffer h = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (headRequest || length == 0) {
            return new ByteBuffer[] {h};
        }
        // slices, so that a write hands NIO (which copies heap buffers into a direct one it then keeps
        // for the thread) a few hundred kilobytes at a time, not a whole 7 MB page
        int slices = (length + SLICE - 1) / SLICE;
        ByteBuffer[] wire = new ByteBuffer[1 + slices];
        wire[0] = h;
        for (int k = 0; k < slices; k++) {
            wire[1 + k] = ByteBuffer.wrap(body, k * SLICE, Math.min(SLICE, length - k * SLICE));
        }
        return wire;
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 408: return "Request Timeout";
            case 413: return "Content Too Large";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
