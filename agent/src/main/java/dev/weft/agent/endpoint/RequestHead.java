package dev.weft.agent.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request line and its header fields, parsed strictly by RFC 9112 from the bytes a connection has
 * buffered.
 *
 * <pre>{@code
 * RequestHead.Result r = RequestHead.parse(buffer);   // buffer in read mode; consumed up to the head's end
 * if (r == null) { ... }                                // incomplete: read more
 * else if (r.head == null) { answer(r.status, r.message); close(); }
 * else { serve(r.head); }                               // bytes after the head stay in the buffer (pipelining)
 * }</pre>
 *
 * <p>Refused with 400: a line not ended by CRLF (bare CR or LF), a control character (NUL, CR ...)
 * in a field, a field name with spaces or other non-token characters, an obs-fold, a version other
 * than HTTP/1.0 and HTTP/1.1, more than one Host, a Content-Length that is repeated, a list, or not
 * a number, and Content-Length together with Transfer-Encoding (the classic smuggling pair). A
 * lenient parser that picks one of two lengths is how request smuggling through proxies starts, so
 * nothing ambiguous is guessed at. 431 when the head exceeds {@value #MAX_HEAD_BYTES} bytes or
 * {@value #MAX_HEADERS} fields.
 */
final class RequestHead {

    /** Request line and headers together; a scraper sends a few hundred bytes. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Prometheus sends about five headers; proxies add a few. */
    static final int MAX_HEADERS = 64;
    /** Empty lines tolerated before a request line (RFC 9112 2.2: some clients send CRLF after a body). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    final String method;
    final String target;
    final boolean http11;
    /** When the head was complete ({@link System#nanoTime()}): the moment the request arrived. */
    final long received = System.nanoTime();
    private final Map<String, List<String>> headers;

    private RequestHead(String method, String target, boolean http11, Map<String, List<String>> headers) {
        this.method = method;
        this.target = target;
        this.http11 = http11;
        this.headers = headers;
    }

    /** Either a head or the status and text to refuse it with. */
    static final class Result {
        final RequestHead head;
        final int status;
        final String message;

        private Result(RequestHead head, int status, String message) {
            this.head = head;
            this.status = status;
            this.message = message;
        }
    }

    private static Result error(int status, String message) {
        return new Result(null, status, message);
    }

    /**
     * Parses the head at the buffer's position, or returns null when its end has not arrived yet (the
     * buffer is then left as it was). On success the position moves past the empty line that ends it.
     */
    static Result parse(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        List<String> lines = new ArrayList<String>();
        int lineStart = start;
        int leadingEmpty = 0;
        int end = -1;
        for (int i = start; i < limit; i++) {
            byte b = in.get(i);
            if (i - start >= MAX_HEAD_BYTES) {
                return error(431, "Request Header Fields Too Large");
            }
            if (b == '\r') {
                if (i + 1 == limit) {
                    break; // the LF may still come
                }
                if (in.get(i + 1) != '\n') {
                    return error(400, "Bad Request: a bare CR");
                }
                continue;
            }
            if (b == '\n') {
                if (i == lineStart || in.get(i - 1) != '\r') {
                    return error(400, "Bad Request: a line must end with CRLF");
                }
                int length = i - 1 - lineStart;
                if (length == 0) {
                    if (lines.isEmpty()) {
                        if (++leadingEmpty > MAX_LEADING_EMPTY_LINES) {
                            return error(400, "Bad Request");
                        }
                        lineStart = i + 1;
                        continue;
                    }
                    end = i + 1;
                    break;
                }
                if (lines.size() > MAX_HEADERS) {
                    return error(431, "Request Header Fields Too Large");
                }
                byte[] bytes = new byte[length];
                for (int j = 0; j < length; j++) {
                    bytes[j] = in.get(lineStart + j);
                }
                lines.add(new String(bytes, StandardCharsets.ISO_8859_1));
                lineStart = i + 1;
            }
        }
        if (end < 0) {
            return limit - start >= MAX_HEAD_BYTES ? error(431, "Request Header Fields Too Large") : null;
        }
        in.position(end);
        return build(lines);
    }

    private static Result build(List<String> lines) {
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()
                || hasControlOrSpace(requestLine[1])) {
            return error(400, "Bad Request: malformed request line");
        }
        boolean http11;
        if (requestLine[2].equals("HTTP/1.1")) {
            http11 = true;
        } else if (requestLine[2].equals("HTTP/1.0")) {
            http11 = false;
        } else {
            return error(400, "Bad Request: only HTTP/1.0 and HTTP/1.1 are served");
        }
        Map<String, List<String>> headers = new LinkedHashMap<String, List<String>>();
        for (String field : lines.subList(1, lines.size())) {
            char first = field.charAt(0);
            if (first == ' ' || first == '\t') {
                return error(400, "Bad Request: obsolete line folding");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !isToken(field.substring(0, colon))) {
                return error(400, "Bad Request: malformed header field");
            }
            String value = trimOws(field.substring(colon + 1));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return error(400, "Bad Request: control character in a header field");
                }
            }
            String name = field.substring(0, colon).toLowerCase(Locale.ROOT);
            List<String> values = headers.get(name);
            if (values == null) {
                values = new ArrayList<String>(1);
                headers.put(name, values);
            }
            values.add(value);
        }
        List<String> hosts = headers.get("host");
        if (hosts != null && hosts.size() > 1) {
            return error(400, "Bad Request: more than one Host");
        }
        List<String> lengths = headers.get("content-length");
        if (lengths != null) {
            if (lengths.size() > 1 || !isDigits(lengths.get(0))) {
                return error(400, "Bad Request: Content-Length must appear once, as a number");
            }
            if (headers.containsKey("transfer-encoding")) {
                return error(400, "Bad Request: Content-Length with Transfer-Encoding");
            }
        }
        return new Result(new RequestHead(requestLine[0], requestLine[1], http11, headers), 0, null);
    }

    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlOrSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110 5.6.2 token characters. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** All values of a header, by lower-case name; null when absent. */
    List<String> values(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True when the client announced a body: a scrape has none, and none is ever read. */
    boolean declaresBody() {
        String length = header("content-length");
        return header("transfer-encoding") != null || (length != null && Long.parseLong(length) != 0);
    }

    /** Whether the client lets the connection stay open after the response (RFC 9112 9.3). */
    boolean keepAlive() {
        boolean close = false;
        boolean keep = false;
        List<String> connection = headers.get("connection");
        if (connection != null) {
            for (String value : connection) {
                for (String option : value.split(",")) {
                    String o = option.trim();
                    close |= o.equalsIgnoreCase("close");
                    keep |= o.equalsIgnoreCase("keep-alive");
                }
            }
        }
        return !close && (http11 || keep);
    }
}
