package dev.weft.smoke.app.simpleclient;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.weft.smoke.app.isolation.IsolationReport;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application with its own simpleclient 0.16 and its own ByteBuddy 1.12, run with the agent.
 *
 * <pre>
 * java -javaagent:weft-agent.jar -cp ... dev.weft.smoke.app.simpleclient.Main 8080
 *   GET http://127.0.0.1:8080/metrics     the app's own registry (app_orders_total 3, its own jvm_*)
 *   GET http://127.0.0.1:8080/isolation   what the app sees of the agent (see IsolationReport)
 * </pre>
 *
 * Prints the report, then READY, on stdout.
 */
public final class Main {

    private Main() {}

    /** simpleclient's HTTPServer keeps its JDK server in a protected field; reach it to add a path. */
    private static void addContext(HTTPServer http, String path, HttpHandler handler) throws ReflectiveOperationException {
        Field field = HTTPServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ((HttpServer) field.get(http)).createContext(path, handler);
    }

    public static void main(String[] args) throws Exception {
        IsolationReport report = new IsolationReport();
        int port = Integer.parseInt(args[0]);

        // The app's own ByteBuddy, really used: a subclass made, loaded and called at startup.
        Class<? extends Greeter> shouting = new ByteBuddy()
                .subclass(Greeter.class)
                .name("dev.weft.smoke.app.simpleclient.ShoutingGreeter")
                .method(ElementMatchers.named("greet"))
                .intercept(MethodDelegation.to(Shout.class))
                .make()
                .load(Main.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        Greeter greeter = shouting.getDeclaredConstructor().newInstance();

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("bytebuddy.result", greeter.greet("simpleclient"));
        facts.put("bytebuddy.class", greeter.getClass().getName());
        facts.put("jar.net.bytebuddy.ByteBuddy", IsolationReport.jarOf(ByteBuddy.class));
        facts.put("jar.io.prometheus.client.Counter", IsolationReport.jarOf(Counter.class));

        // The app's own metrics in simpleclient's default registry.
        Counter orders = Counter.build().name("app_orders_total").help("Orders the app took").register();
        orders.inc(3);
        DefaultExports.initialize();

        // The documented way: simpleclient's HTTPServer makes and starts the JDK server itself.
        HTTPServer http = new HTTPServer(new InetSocketAddress("127.0.0.1", port), CollectorRegistry.defaultRegistry, true);
        addContext(http, "/isolation", exchange -> {
            byte[] body = report.render(facts).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        report.ownServerStarted(facts);

        System.out.print(report.render(facts));
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
