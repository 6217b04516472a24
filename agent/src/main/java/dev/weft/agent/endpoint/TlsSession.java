package dev.weft.agent.endpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel, server side, driven by the event loop: bytes in, application
 * bytes out, handshake messages queued for writing whenever the engine asks for them.
 *
 * <pre>{@code
 * TlsSession tls = new TlsSession(engine);
 * int n = tls.read(channel, in);          // unwraps whatever arrived; -1 at end of stream
 * boolean done = tls.write(channel, out); // false: the socket is full, call again when writable
 * if (tls.pendingOutput()) tls.flush(channel);
 * }</pre>
 *
 * <p>A stalled handshake therefore holds a few buffers (about 34 KB) and a descriptor, never a
 * thread. The engine's delegated tasks (key exchange, certificate checks) run on the loop thread:
 * they take about a millisecond and only ever run when a client has sent a complete message.
 */
final class TlsSession {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Write mode: bytes read from the socket and not yet unwrapped. */
    private ByteBuffer netIn;
    /** Write mode: TLS records produced and not yet written. */
    private ByteBuffer netOut;
    private boolean inboundClosed;

    TlsSession(SSLEngine engine) throws SSLException {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        engine.beginHandshake();
    }

    /** At least what one record can unwrap to; the connection sizes its input buffer with it. */
    int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    /**
     * Reads what the socket has and unwraps it into {@code app} (write mode). Returns the application
     * bytes added, or -1 once the peer has closed and nothing more can come. A full {@code app} is
     * reported by {@link #appFull} and leaves the rest in the engine's input.
     */
    int read(SocketChannel channel, ByteBuffer app) throws IOException {
        int n = inboundClosed ? -1 : channel.read(netIn);
        int produced = unwrap(channel, app);
        if (produced == 0 && (n < 0 || inboundClosed)) {
            return -1;
        }
        return produced;
    }

    private boolean appFull;

    /** True when the last read stopped because the application buffer was full. */
    boolean appFull() {
        return appFull;
    }

    /** Moves the handshake on without new input (after the socket took pending output). */
    int progress(SocketChannel channel, ByteBuffer app) throws IOException {
        return unwrap(channel, app);
    }

    private int unwrap(SocketChannel channel, ByteBuffer app) throws IOException {
        appFull = false;
        int produced = 0;
        netIn.flip();
        try {
            for (int guard = 0; guard < 1000; guard++) {
                SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    continue;
                }
                if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    // the engine wants a whole packet of room per record: write what is queued first
                    if (!wrapHandshake() && (!flush(channel) || !wrapHandshake())) {
                        return produced; // the socket is full: the loop goes on once it is writable
                    }
                    continue;
                }
                if (!netIn.hasRemaining() || inboundClosed) {
                    return produced;
                }
                int before = app.position();
                SSLEngineResult r = engine.unwrap(netIn, app);
                produced += app.position() - before;
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
                            // a record larger than the buffer: the session's packet size grew
                            ByteBuffer bigger = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()
                                    + netIn.capacity());
                            bigger.put(netIn);
                            bigger.flip();
                            netIn = bigger;
                            continue;
                        }
                        return produced;
                    case BUFFER_OVERFLOW:
                        appFull = true;
                        return produced;
                    case CLOSED:
                        inboundClosed = true;
                        return produced;
                    default:
                        if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                                && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                            return produced;
                        }
                }
            }
            throw new SSLException("TLS engine made no progress");
        } finally {
            netIn.compact();
        }
    }

    /** False when netOut has no room; the caller flushes and tries again. */
    private boolean wrapHandshake() throws IOException {
        SSLEngineResult r = engine.wrap(EMPTY, netOut);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            if (netOut.position() == 0) {
                netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                return true;
            }
            return false;
        }
        return r.getStatus() != SSLEngineResult.Status.CLOSED || r.bytesProduced() > 0;
    }

    boolean pendingOutput() {
        return netOut.position() > 0;
    }

    /** Writes queued records; true when none remain. */
    boolean flush(SocketChannel channel) throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
            return !netOut.hasRemaining();
        } finally {
            netOut.compact();
        }
    }

    /** Encrypts and writes {@code src}; true when all of it and every queued record are written. */
    boolean write(SocketChannel channel, ByteBuffer[] src) throws IOException {
        for (int guard = 0; guard < 100_000; guard++) {
            if (!flush(channel)) {
                return false;
            }
            if (!hasRemaining(src)) {
                return true;
            }
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS closed while writing a response");
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && netOut.position() == 0) {
                netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
        }
        throw new SSLException("TLS engine made no progress");
    }

    /** Queues close_notify (and, after a failed handshake, the alert the engine has for the peer). */
    void closeOutbound() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                if (!wrapHandshake()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection closes anyway
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
