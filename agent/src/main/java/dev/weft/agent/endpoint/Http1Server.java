package dev.weft.agent.endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on one selector thread: accepts, TLS handshakes, request heads and
 * response writes are all non-blocking, so a slow or stalled client costs a descriptor and a few
 * kilobytes, never a thread. Only complete, well-formed heads reach the {@link Handler}, on a pool of
 * {@value #WORKERS} daemon workers (rendering a scrape is the only work that takes time).
 *
 * <pre>{@code
 * Http1Server server = Http1Server.start(new InetSocketAddress("127.0.0.1", 0), handler, tls, limits);
 * server.port();
 * server.stop();
 * }</pre>
 *
 * <p>Limits, all enforced on the loop thread:
 * <ul>
 *   <li>at most {@code maxConnections} connections, and {@code maxPerAddress} from one remote
 *       address; beyond them a connection is answered {@code 503} with {@code Retry-After} and
 *       closed, never dropped silently (a TLS client gets its 503 after the handshake; only when
 *       even the {@value #MAX_REJECTING} connections kept for those answers are in use is a connection
 *       closed at once);</li>
 *   <li>{@code headMillis} from accept (or from the first byte of a later request) to the end of the
 *       head, TLS handshake included; {@code idleMillis} for a kept-alive connection waiting for its
 *       next request; {@code exchangeMillis} to render and write a response;</li>
 *   <li>when {@code accept} fails (out of descriptors, out of buffers) accepting pauses, from
 *       {@value #FIRST_BACKOFF_MILLIS} ms doubling up to {@value #MAX_BACKOFF_MILLIS} ms, and
 *       {@link FailureLog} prints one line a minute: the failing call is never retried in a spin.</li>
 * </ul>
 *
 * <p>Keep-alive: a connection serves requests one after the other, in order. A pipelined request
 * waits in the input buffer until the response before it is written, so responses never
 * interleave.
 */
final class Http1Server {

    /** Serves one request; runs on a worker. Errors it throws become a 500 without detail. */
    interface Handler {
        Response handle(RequestHead head) throws Exception;
    }

    /** TLS for accepted connections; null for plain HTTP. */
    interface Tls {
        TlsSession open(InetSocketAddress peer) throws IOException;

        /** Called on the loop thread every few seconds: a chance to re-read certificates. */
        void tick();
    }

    static final class Limits {
        final int maxConnections;
        final int maxPerAddress;
        final long headMillis;
        final long idleMillis;
        final long exchangeMillis;

        Limits(int maxConnections, int maxPerAddress, long headMillis, long idleMillis, long exchangeMillis) {
            this.maxConnections = maxConnections;
            this.maxPerAddress = maxPerAddress;
            this.headMillis = headMillis;
            this.idleMillis = idleMillis;
            this.exchangeMillis = exchangeMillis;
        }
    }

    static final int WORKERS = 4;
    /** Connections over the limits, kept just long enough to be told 503. */
    static final int MAX_REJECTING = 64;
    static final long REJECT_MILLIS = 2_000;
    /** After a response that closes the connection, unread input is drained this long so the peer sees it. */
    static final long LINGER_MILLIS = 2_000;
    static final long FIRST_BACKOFF_MILLIS = 50;
    static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final long TICK_MILLIS = 250;
    private static final long TLS_TICK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 38\r\nCache-Control: no-store\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
            + "The metrics endpoint is busy; retry.\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final Handler handler;
    private final Tls tls;
    private final Limits limits;
    private final ThreadPoolExecutor workers;
    /** Responses from workers, run on the loop thread. */
    private final Queue<Runnable> completions = new ConcurrentLinkedQueue<Runnable>();
    private final Set<Connection> connections = new LinkedHashSet<Connection>();
    private final Map<InetAddress, int[]> perAddress = new HashMap<InetAddress, int[]>();
    private final AtomicInteger open = new AtomicInteger();
    private int admitted;
    private int rejecting;
    private long backoffMillis;
    private long acceptResumesAt;
    private boolean acceptPaused;
    private long nextTlsTick;
    private long nextSweep;
    private volatile boolean running = true;
    private final Thread loop;

    private Http1Server(ServerSocketChannel server, Handler handler, Tls tls, Limits limits) throws IOException {
        this.server = server;
        this.handler = handler;
        this.tls = tls;
        this.limits = limits;
        this.selector = Selector.open();
        server.configureBlocking(false);
        this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        // queue unbounded on purpose: each connection has at most one request in flight, so the
        // connection limit bounds it
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), new DaemonThreads("weft-metrics-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.loop = new DaemonThreads("weft-metrics-loop").newThread(this::run);
    }

    static Http1Server start(InetSocketAddress address, Handler handler, Tls tls, Limits limits) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, 128);
            Http1Server server = new Http1Server(channel, handler, tls, limits);
            server.loop.start();
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Connections open right now, rejected ones included. */
    int openConnections() {
        return open.get();
    }

    void stop() {
        running = false;
        selector.wakeup();
        workers.shutdownNow();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    turn();
                } catch (Throwable t) {
                    // an Error such as OutOfMemoryError: the loop survives it, slowly, so that it cannot spin
                    FailureLog.warn("loop", "metrics endpoint: " + t.getClass().getName() + " in the event loop");
                    sleep(100);
                }
            }
        } finally {
            for (Connection c : new ArrayList<Connection>(connections)) {
                c.close();
            }
            closeQuietly(server);
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping
            }
        }
    }

    private void turn() throws IOException {
        long wait = TICK_MILLIS;
        if (acceptPaused) {
            wait = Math.max(1, Math.min(wait, TimeUnit.NANOSECONDS.toMillis(acceptResumesAt - System.nanoTime())));
        }
        selector.select(wait);
        for (Runnable r; (r = completions.poll()) != null; ) {
            r.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            if (key == acceptKey) {
                accept();
            } else {
                ((Connection) key.attachment()).ready(key.readyOps());
            }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (acceptPaused && now - acceptResumesAt >= 0) {
            acceptPaused = false;
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        // deadlines are checked a few times a second, not on every turn: under a flood of scrapes the
        // loop turns thousands of times a second
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_NANOS;
            for (Connection c : new ArrayList<Connection>(connections)) {
                if (now - c.deadline > 0) {
                    c.close();
                }
            }
        }
        if (tls != null && now - nextTlsTick >= 0) {
            nextTlsTick = now + TLS_TICK_NANOS;
            tls.tick();
        }
    }

    private void accept() {
        for (int i = 0; i < 64; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // EMFILE and friends: the connection stays in the backlog, so accepting again at once spins
                backoffMillis = backoffMillis == 0 ? FIRST_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
                acceptPaused = true;
                acceptResumesAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
                acceptKey.interestOps(0);
                FailureLog.warn("accept", "metrics endpoint: accept failed (" + e + "); pausing accepts, up to "
                        + MAX_BACKOFF_MILLIS + " ms at a time");
                return;
            }
            if (channel == null) {
                return;
            }
            backoffMillis = 0;
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
            InetAddress address = peer.getAddress();
            int[] fromAddress = perAddress.get(address);
            boolean over = admitted >= limits.maxConnections
                    || (fromAddress != null && fromAddress[0] >= limits.maxPerAddress);
            if (over && rejecting >= MAX_REJECTING) {
                if (tls == null) {
                    channel.write(ByteBuffer.wrap(BUSY)); // a non-blocking write into an empty buffer
                }
                FailureLog.debug("overflow", "metrics endpoint: over its connection limits; closing at once");
                channel.close();
                return;
            }
            TlsSession session = tls == null ? null : tls.open(peer);
            Connection c = new Connection(channel, address, over, session);
            if (over) {
                rejecting++;
                FailureLog.warn("busy", "metrics endpoint: connection limits reached (" + limits.maxConnections
                        + " in all, " + limits.maxPerAddress + " from one address); answering 503");
            } else {
                admitted++;
                if (fromAddress == null) {
                    perAddress.put(address, fromAddress = new int[1]);
                }
                fromAddress[0]++;
            }
            open.incrementAndGet();
            connections.add(c);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            if (over && session == null) {
                c.send(new Response(503, busyHeaders(), BUSY_BODY, true), false, false);
            }
            c.updateInterest();
        } catch (IOException | RuntimeException e) {
            FailureLog.debug("admit", "metrics endpoint: cannot set up a connection: " + e);
            closeQuietly(channel);
        }
    }

    private static final byte[] BUSY_BODY = "The metrics endpoint is busy; retry.\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static Map<String, String> busyHeaders() {
        Map<String, String> headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Retry-After", "1");
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return headers;
    }

    private enum State { READING, PROCESSING, WRITING, LINGERING, CLOSED }

    /** One connection; touched only on the loop thread. */
    private final class Connection {
        final SocketChannel channel;
        final InetAddress address;
        final boolean rejected;
        final TlsSession tls;
        SelectionKey key;
        ByteBuffer in;
        ByteBuffer[] out;
        /** The response {@link #out} writes, released once written or dropped with the connection. */
        Response sending;
        boolean closeAfterWrite;
        State state = State.READING;
        /**
         * True once bytes of the current request arrived, so the head deadline applies instead of the idle
         * one; true from the start on a new connection, whose head deadline runs from accept.
         */
        boolean headStarted = true;
        long deadline;

        Connection(SocketChannel channel, InetAddress address, boolean rejected, TlsSession tls) {
            this.channel = channel;
            this.address = address;
            this.rejected = rejected;
            this.tls = tls;
            // grows up to the head limit; with TLS a record must fit, whatever its size
            this.in = ByteBuffer.allocate(tls == null ? 2048 : tls.applicationBufferSize());
            this.deadline = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(rejected ? REJECT_MILLIS : limits.headMillis);
        }

        void ready(int ops) {
            try {
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    writable();
                }
                if (state != State.CLOSED && (ops & SelectionKey.OP_READ) != 0) {
                    readable();
                }
                if (state != State.CLOSED) {
                    if (tls != null) {
                        tls.flush(channel);
                    }
                    updateInterest();
                }
            } catch (IOException | RuntimeException e) {
                // reset, failed handshake, a client that sent garbage TLS: nothing to answer
                FailureLog.debug("connection", "metrics endpoint: connection dropped: " + e);
                close();
            }
        }

        void updateInterest() {
            if (state == State.CLOSED) {
                return;
            }
            int ops = 0;
            if (state == State.READING || state == State.LINGERING) {
                ops = SelectionKey.OP_READ;
            } else if (state == State.WRITING) {
                ops = SelectionKey.OP_WRITE;
            }
            if (tls != null && tls.pendingOutput()) {
                ops |= SelectionKey.OP_WRITE;
            }
            key.interestOps(ops);
        }

        private void writable() throws IOException {
            if (state == State.WRITING) {
                write();
            } else if (tls != null && tls.flush(channel) && state == State.READING) {
                tls.progress(channel, in);
                parse(false);
            }
        }

        private void readable() throws IOException {
            if (state == State.LINGERING) {
                ByteBuffer sink = ByteBuffer.allocate(1024);
                while (true) {
                    sink.clear();
                    int n = channel.read(sink);
                    if (n < 0) {
                        close();
                        return;
                    }
                    if (n == 0) {
                        return;
                    }
                }
            }
            if (state != State.READING) {
                return;
            }
            if (!in.hasRemaining()) {
                grow();
            }
            int n = tls == null ? channel.read(in) : tls.read(channel, in);
            if (n > 0 && !headStarted) {
                headStarted = true;
                if (!rejected) {
                    deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.headMillis);
                }
            }
            if (tls != null && tls.appFull() && !grow()) {
                send(Response.text(431, "Request Header Fields Too Large\n", true), false, false);
                return;
            }
            parse(n < 0);
        }

        /** Doubles the input buffer up to what a maximal head (and, with TLS, one record more) needs. */
        private boolean grow() {
            int max = RequestHead.MAX_HEAD_BYTES + (tls == null ? 1 : tls.applicationBufferSize());
            if (in.capacity() >= max) {
                return false;
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(max, in.capacity() * 2));
            in.flip();
            bigger.put(in);
            in = bigger;
            return true;
        }

        private void parse(boolean endOfStream) {
            if (state != State.READING) {
                return;
            }
            in.flip();
            RequestHead.Result result;
            try {
                result = RequestHead.parse(in);
            } finally {
                in.compact();
            }
            if (result == null) {
                if (endOfStream) {
                    if (in.position() > 0) {
                        send(Response.text(400, "Bad Request: the connection ended inside the head\n", true),
                                false, false);
                    } else {
                        close();
                    }
                }
                return;
            }
            if (result.head == null) {
                send(Response.text(result.status, result.message + "\n", true), false, false);
                return;
            }
            final RequestHead head = result.head;
            final boolean headRequest = "HEAD".equals(head.method);
            final boolean keepAlive = head.keepAlive() && !endOfStream;
            if (rejected) {
                send(new Response(503, busyHeaders(), BUSY_BODY, true), headRequest, false);
                return;
            }
            state = State.PROCESSING;
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.exchangeMillis);
            try {
                workers.execute(() -> {
                    Response response;
                    try {
                        response = handler.handle(head);
                    } catch (Throwable t) {
                        FailureLog.warn("handler", "metrics endpoint: request failed: " + t.getClass().getName());
                        response = Response.text(500, "Weft could not answer this request.\n", true);
                    }
                    final Response done = response;
                    completions.add(() -> {
                        if (state == State.PROCESSING) {
                            send(done, headRequest, keepAlive);
                            updateInterest();
                        } else {
                            done.release(); // the connection went away meanwhile
                        }
                    });
                    selector.wakeup();
                });
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }

        void send(Response response, boolean headRequest, boolean keepAlive) {
            boolean keep = keepAlive && !response.close && running;
            sending = response;
            out = response.wire(headRequest, keep);
            closeAfterWrite = !keep;
            state = State.WRITING;
            if (!rejected) {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.exchangeMillis);
            }
            try {
                write();
            } catch (IOException | RuntimeException e) {
                FailureLog.debug("connection", "metrics endpoint: connection dropped: " + e);
                close();
            }
        }

        private void write() throws IOException {
            boolean done;
            if (tls == null) {
                done = writeSlices();
            } else {
                done = tls.write(channel, out);
            }
            if (!done) {
                return;
            }
            out = null;
            finishedSending();
            if (closeAfterWrite) {
                linger();
                return;
            }
            state = State.READING;
            headStarted = in.position() > 0;
            deadline = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(headStarted ? limits.headMillis : limits.idleMillis);
            parse(false); // a pipelined request may be waiting already
        }

        /**
         * Writes until the socket is full, two buffers a call: NIO copies every heap buffer it is handed
         * into a temporary direct buffer first, so handing it the whole response copies all that is
         * left at every call.
         */
        private boolean writeSlices() throws IOException {
            for (int i = 0; i < out.length; ) {
                if (!out[i].hasRemaining()) {
                    i++;
                } else if (channel.write(out, i, Math.min(2, out.length - i)) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Half-closes and drains, so a client still sending does not get a reset that eats the response. */
        private void linger() throws IOException {
            if (tls != null) {
                tls.closeOutbound();
                tls.flush(channel);
            }
            channel.shutdownOutput();
            state = State.LINGERING;
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        }

        private void finishedSending() {
            Response r = sending;
            sending = null;
            if (r != null) {
                r.release();
            }
        }

        void close() {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            out = null;
            finishedSending();
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
            connections.remove(this);
            open.decrementAndGet();
            if (rejected) {
                rejecting--;
            } else {
                admitted--;
                int[] count = perAddress.get(address);
                if (count != null && --count[0] == 0) {
                    perAddress.remove(address);
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        }
    }
}
