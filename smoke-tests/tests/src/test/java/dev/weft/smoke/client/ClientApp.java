package dev.weft.smoke.client;

import dev.weft.smoke.AgentJvm;
import dev.weft.smoke.Ports;

/**
 * A client app with the agent and the {@link Downstream} it calls, started together: the app gets
 * the downstream's HTTP port, its HTTPS port and a loopback port where nothing listens (see
 * {@code Scenarios} in the apps).
 *
 * <pre>{@code
 * ClientApp client = ClientApp.start("java-http-client-app", "dev.weft.smoke.app.httpclient.AsyncCalls");
 * client.app.scrape() ...
 * client.close();
 * }</pre>
 */
final class ClientApp implements AutoCloseable {

    final Downstream downstream;
    final int closedPort;
    final AgentJvm app;

    private ClientApp(Downstream downstream, int closedPort, AgentJvm app) {
        this.downstream = downstream;
        this.closedPort = closedPort;
        this.app = app;
    }

    static ClientApp start(String app, String mainClass) throws Exception {
        Downstream downstream = Downstream.start();
        try {
            int closedPort = Ports.free();
            AgentJvm jvm = AgentJvm.app(app, mainClass)
                    .arg(downstream.httpPort()).arg(downstream.httpsPort()).arg(closedPort)
                    .start();
            return new ClientApp(downstream, closedPort, jvm);
        } catch (Exception | Error e) {
            downstream.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            downstream.close();
        }
    }
}
