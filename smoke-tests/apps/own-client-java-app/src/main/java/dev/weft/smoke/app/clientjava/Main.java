package dev.weft.smoke.app.clientjava;

import dev.weft.smoke.app.isolation.IsolationReport;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application with its own client_java 1.5 and its own ByteBuddy 1.14, run with the agent.
 * Its client reads the usual settings: prometheus.properties on this class path (see
 * src/main/resources), {@code -Dprometheus.config=FILE}, {@code -Dio.prometheus.*} and
 * {@code IO_PROMETHEUS_*} variables; the agent's own client must read none of them.
 *
 * <pre>
 * java -javaagent:weft-agent.jar -cp ... dev.weft.smoke.app.clientjava.Main 8080
 *   GET http://127.0.0.1:8080/metrics     the app's own registry (app_orders_total 3, app_hidden_total 1,
 *                                          app_latency_seconds with 2 observations, its own jvm_*)
 *   GET http://127.0.0.1:8080/isolation   what the app sees of the agent (see IsolationReport)
 * </pre>
 *
 * Prints the report, then READY, on stdout.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        IsolationReport report = new IsolationReport();
        int port = Integer.parseInt(args[0]);

        // The app's own ByteBuddy, really used: a subclass made, loaded and called at startup.
        Class<? extends Greeter> shouting = new ByteBuddy()
                .subclass(Greeter.class)
                .name("dev.weft.smoke.app.clientjava.ShoutingGreeter")
                .method(ElementMatchers.named("greet"))
                .intercept(MethodDelegation.to(Shout.class))
                .make()
                .load(Main.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        Greeter greeter = shouting.getDeclaredConstructor().newInstance();

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("bytebuddy.result", greeter.greet("client_java"));
        facts.put("bytebuddy.class", greeter.getClass().getName());
        facts.put("jar.net.bytebuddy.ByteBuddy", IsolationReport.jarOf(ByteBuddy.class));
        facts.put("jar.io.prometheus.metrics.core.metrics.Counter", IsolationReport.jarOf(Counter.class));

        // The app's own metrics in client_java's default registry, configured by PrometheusProperties.get().
        Counter.builder().name("app_orders_total").help("Orders the app took").register().inc(3);
        Counter.builder().name("app_hidden_total").help("A counter the tests may filter out").register().inc();
        Histogram latency = Histogram.builder().name("app_latency_seconds").help("Latency the app measured").register();
        latency.observe(0.02);
        latency.observe(0.3);
        JvmMetrics.builder().register();

        HTTPServer.builder()
                .hostname("127.0.0.1")
                .port(port)
                .defaultHandler(exchange -> {
                    boolean known = exchange.getRequestURI().getPath().equals("/isolation");
                    byte[] body = (known ? report.render(facts) : "not found\n").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(known ? 200 : 404, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                })
                .buildAndStart();
        report.ownServerStarted(facts);

        System.out.print(report.render(facts));
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
