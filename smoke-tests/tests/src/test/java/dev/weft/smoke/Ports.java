package dev.weft.smoke;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports, chosen at run time. The operating system may offer a port it just handed
 * out again (the probe socket is closed before the app binds it), so this JVM never returns the
 * same port twice: an app and its agent endpoint, both picked in a row, cannot collide.
 */
public final class Ports {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private Ports() {}

    public static synchronized int free() throws IOException {
        for (;;) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            }
            if (GIVEN.add(port)) {
                return port;
            }
        }
    }
}
