package dev.weft.smoke.deploy;

import dev.weft.smoke.Ports;
import java.io.IOException;

/**
 * A free loopback port other than one already picked: {@code DistinctPorts.freeExcept(appPort)}.
 * Two {@link Ports#free()} calls in a row can return the same port, since the first is released at
 * once; this suite has seen an app and the agent then fight for one port.
 */
final class DistinctPorts {

    private DistinctPorts() {}

    static int freeExcept(int taken) throws IOException {
        int port = Ports.free();
        while (port == taken) {
            port = Ports.free();
        }
        return port;
    }
}
