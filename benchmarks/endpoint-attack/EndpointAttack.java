import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The attack figures of docs/operations.md, reproducible: slow clients against the endpoint while a
 * scrape a second is tried, and the host JVM's CPU during a wrk flood. Loopback only, bounded in time.
 *
 * <pre>
 * java EndpointAttack.java slow  PORT CLIENTS SECONDS [tls]   # trickling heads (or stalled TLS handshakes)
 * java EndpointAttack.java cpu   PID SECONDS                   # CPU of PID over SECONDS, in % of one core
 * </pre>
 * Attackers connect from 127.0.0.2 (Linux routes all of 127/8 to loopback), the scraper from 127.0.0.1.
 */
public class EndpointAttack {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("cpu")) {
            long pid = Long.parseLong(args[1]);
            long seconds = Long.parseLong(args[2]);
            long before = cpuTicks(pid);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("cpu of %d over %.1f s: %.0f %% of one core%n", pid, elapsed,
                    100.0 * (cpuTicks(pid) - before) / 100.0 / elapsed);
            return;
        }
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        boolean tls = args.length > 4 && args[4].equals("tls");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger answered503 = new AtomicInteger();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try (Socket s = new Socket()) {
                        s.bind(new InetSocketAddress("127.0.0.2", 0));
                        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                        connects.incrementAndGet();
                        s.setSoTimeout(1000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        if (!tls) {
                            out.write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        byte[] buf = new byte[64];
                        while (!stop.get()) {
                            try {
                                int n = in.read(buf);
                                if (n < 0) {
                                    break;
                                }
                                if (n >= 12 && new String(buf, 0, 12, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 503")) {
                                    answered503.incrementAndGet();
                                }
                            } catch (java.net.SocketTimeoutException quiet) {
                                if (!tls) {
                                    out.write('a');
                                }
                            }
                        }
                    } catch (IOException e) {
                        // reset: reconnect
                    }
                    sleep(100);
                }
            });
            t.setDaemon(true);
            t.start();
        }
        sleep(2000);
        int ok = 0;
        int tried = 0;
        long maxMillis = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            tried++;
            try {
                if (scrape(port, tls)) {
                    ok++;
                }
            } catch (IOException e) {
                // a failed scrape
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            maxMillis = Math.max(maxMillis, millis);
            sleep(Math.max(0, 1000 - millis));
        }
        stop.set(true);
        System.out.printf("%d %s clients for %d s: %d of %d scrapes succeeded (slowest %d ms); %d attacker connects, %d got 503%n",
                clients, tls ? "stalled-TLS" : "slow-head", seconds, ok, tried, maxMillis, connects.get(), answered503.get());
    }

    static boolean scrape(int port, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        Socket s = plain;
        try {
            s.setSoTimeout(5000);
            if (tls) {
                s = trustAll().getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
                ((SSLSocket) s).startHandshake();
            }
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1.1 200") && text.contains("weft_build_info");
        } finally {
            s.close();
            plain.close();
        }
    }

    static SSLContext trustAll() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
