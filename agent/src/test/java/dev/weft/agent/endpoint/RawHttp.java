package dev.weft.agent.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A raw HTTP/1.1 connection for tests: writes bytes exactly as given and reads responses one at a
 * time by their {@code Content-Length}, so keep-alive and pipelining can be seen on the wire.
 */
final class RawHttp implements AutoCloseable {

    final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = socket.getInputStream();
    }

    RawHttp send(String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** The next response, head and body; its body is empty for a HEAD request. */
    String response(boolean head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + bytes.size() + " bytes: " + bytes);
            }
            bytes.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String text = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (!head) {
            byte[] body = new byte[length];
            for (int off = 0; off < length; ) {
                int n = in.read(body, off, length - off);
                if (n < 0) {
                    throw new IOException("body cut after " + off + " of " + length + " bytes");
                }
                off += n;
            }
            bytes.write(body);
        }
        return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    String response() throws IOException {
        return response(false);
    }

    /** True when the server closes the connection (end of stream or reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** One request on a fresh connection, one response. */
    static String exchange(int port, String request) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            return c.send(request).response(request.startsWith("HEAD "));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
