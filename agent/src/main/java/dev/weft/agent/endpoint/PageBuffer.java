package dev.weft.agent.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that a scrape is rendered into, with the appends the text writers need
 * (ASCII, UTF-8 with the exposition's escapes, decimal numbers) done in place, without a
 * {@link java.io.Writer} and its encoder in between.
 *
 * <pre>{@code
 * PageBuffer page = pool.acquire();
 * page.ascii("# EOF\n");
 * response = new Response(200, headers, page);   // written by the event loop, then released
 * }</pre>
 *
 * <p>A page's bytes are shared by every connection it is written to and by {@link ScrapeCache}, so
 * it counts its holders: the renderer holds it first, {@link #retain} adds a holder, {@link #release}
 * drops one, and the last release hands it back to its {@link PagePool} for the next rendering.
 * A buffer with no pool (a scratch buffer) ignores both.
 */
final class PageBuffer extends OutputStream {

    /** What a draining buffer keeps when it passes its bytes on, for {@link #endsWith} and {@link #truncate}. */
    private static final int KEPT_TAIL = 16;

    byte[] bytes;
    int size;
    private final PagePool pool;
    private final OutputStream sink;
    private int holders;

    PageBuffer(int capacity) {
        this(capacity, null, null);
    }

    PageBuffer(int capacity, PagePool pool) {
        this(capacity, pool, null);
    }

    private PageBuffer(int capacity, PagePool pool, OutputStream sink) {
        this.bytes = new byte[Math.max(capacity, 64)];
        this.pool = pool;
        this.sink = sink;
    }

    /**
     * A buffer of {@code capacity} bytes that passes what it holds on to {@code sink} whenever it is full
     * (all but its last {@value #KEPT_TAIL} bytes), and the rest at {@link #drain}: a compressed page is
     * rendered through one of these, so its uncompressed text never exists whole.
     */
    static PageBuffer draining(OutputStream sink, int capacity) {
        return new PageBuffer(Math.max(capacity, 4 * KEPT_TAIL), null, sink);
    }

    /** The compressing stream this buffer drains into, if it takes spliced blocks; else null. */
    SplicingGzip splicing() {
        return sink instanceof SplicingGzip ? (SplicingGzip) sink : null;
    }

    /** Passes everything still held on to the sink. */
    void drain() throws IOException {
        if (sink != null && size > 0) {
            sink.write(bytes, 0, size);
            size = 0;
        }
    }

    /** Starts a new page in the same array, held by the caller. */
    void reset() {
        size = 0;
        synchronized (this) {
            holders = 1;
        }
    }

    synchronized void retain() {
        if (pool != null) {
            holders++;
        }
    }

    void release() {
        if (pool == null) {
            return;
        }
        boolean last;
        synchronized (this) {
            last = --holders == 0;
        }
        if (last) {
            pool.recycle(this);
        }
    }

    int capacity() {
        return bytes.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            grow(more);
        }
    }

    private void grow(int more) {
        if (sink != null && size > KEPT_TAIL) {
            int passed = size - KEPT_TAIL;
            try {
                sink.write(bytes, 0, passed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.arraycopy(bytes, passed, bytes, 0, KEPT_TAIL);
            size = KEPT_TAIL;
            if (size + more <= bytes.length) {
                return;
            }
        }
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    /** Forgets the last {@code n} bytes. */
    void truncate(int n) {
        size -= n;
    }

    boolean endsWith(byte[] suffix) {
        if (size < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[size - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(PageBuffer other) {
        write(other.bytes, 0, other.size);
    }

    /** A string of ASCII characters (names, keywords), one byte each. */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < n; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        size = at;
    }

    /**
     * A label value or help text in UTF-8, with backslash and newline escaped, and double quotes too
     * when {@code quotes} is set (label values, OpenMetrics help).
     */
    void escaped(String s, boolean quotes) {
        int n = s.length();
        ensure(2 * n);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = at;
                escapedUtf8(s, i, quotes);
                return;
            }
            if (c == '\\') {
                b[at++] = '\\';
                b[at++] = '\\';
            } else if (c == '\n') {
                b[at++] = '\\';
                b[at++] = 'n';
            } else if (c == '"' && quotes) {
                b[at++] = '\\';
                b[at++] = '"';
            } else {
                b[at++] = (byte) c;
            }
        }
        size = at;
    }

    private void escapedUtf8(String s, int from, boolean quotes) {
        StringBuilder rest = new StringBuilder(s.length() - from + 8);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                rest.append("\\\\");
            } else if (c == '\n') {
                rest.append("\\n");
            } else if (c == '"' && quotes) {
                rest.append("\\\"");
            } else {
                rest.append(c);
            }
        }
        write(rest.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A long in decimal, as {@code Long.toString} writes it. */
    void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            bytes[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int at = size + digits;
        size = at;
        do {
            bytes[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    /** {@code seconds.millis} with three digits after the point, as OpenMetrics timestamps are written. */
    void openMetricsTimestamp(long millis) {
        decimal(millis / 1000L);
        write('.');
        long ms = millis % 1000;
        if (ms < 100) {
            write('0');
        }
        if (ms < 10) {
            write('0');
        }
        decimal(ms);
    }

    /** A value as the client's text writers write it: {@code +Inf}, {@code -Inf}, else {@code Double.toString}. */
    void number(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            ascii("+Inf");
        } else if (d == Double.NEGATIVE_INFINITY) {
            ascii("-Inf");
        } else if (d == (long) d && Math.abs(d) < 1e7) {
            // Double.toString of a whole number below 10^7 is the digits and ".0"
            decimal((long) d);
            if (d == 0 && 1 / d < 0) {
                // -0.0
                size--;
                ascii("-0");
            }
            ascii(".0");
        } else {
            ascii(Double.toString(d));
        }
    }
}
