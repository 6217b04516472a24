package dev.weft.smoke.app.gate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where held requests (Tomcat's and Undertow's {@code /hold}, Reactor Netty's {@code /block}) wait
 * until the test opens the gate through 127.0.0.1:{@code port}: a way to let them go that needs no
 * thread or event loop of the server, all of which they keep busy. The test sends {@code o} to open
 * it and {@code c} to close it again, and reads one byte of acknowledgement; a request waits at most
 * a minute.
 */
public final class Gate {

    private static volatile CountDownLatch open = new CountDownLatch(1);

    private Gate() {}

    /** Listens for the test's commands, one connection each. */
    public static void listen(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread keeper = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket test = server.accept()) {
                    if (test.getInputStream().read() == 'c') {
                        if (open.getCount() == 0) {
                            open = new CountDownLatch(1);
                        }
                    } else {
                        open.countDown();
                    }
                    test.getOutputStream().write('k');
                } catch (IOException e) {
                    // the test went away; wait for the next one
                }
            }
        }, "gate");
        keeper.setDaemon(true);
        keeper.start();
    }

    /** Waits for the gate to be open. */
    public static void pass() throws InterruptedException {
        open.await(60, TimeUnit.SECONDS);
    }
}
