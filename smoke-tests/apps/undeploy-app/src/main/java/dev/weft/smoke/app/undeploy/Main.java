package dev.weft.smoke.app.undeploy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 (ee10) on 127.0.0.1:{@code args[0]} with a "webapp" at /webapp whose servlet and filter
 * are loaded by their own {@link URLClassLoader} (a child of this app's loader) from
 * target/webapp-classes, or from the folder {@code args[1]}. Prints READY when up.
 *
 * <pre>
 * /webapp/hello    the webapp's servlet, behind the webapp's filter
 * /webapp/async    the same, asynchronous (startAsync, complete on another thread)
 * GET /instrumented  what the agent did to the webapp's loader, as "name value" lines:
 *                    webapp_classes_woven (weft_instrumented_classes_total's increase while the
 *                    servlet and filter classes were loaded; -1 without the agent's endpoint),
 *                    async_listener_in_webapp_loader (the agent defined its AsyncCompletionListener
 *                    in that loader), webapp_route_series (the scrape has a duration series for
 *                    /webapp/hello)
 * GET /undeploy    stops and removes the webapp, closes its loader, drops every reference to it,
 *                  then runs System.gc() for up to 10 s: answers "collected" or "leaked"
 * GET /redeploy    deploys the webapp again in a fresh loader, as a container's redeploy does:
 *                  answers "deployed" (or "already deployed")
 * </pre>
 *
 * The control paths are a plain Jetty handler in front of the contexts, not servlets, so nothing the
 * agent weaves runs for them. Two things of Jetty's own would keep the loader after an undeploy, and
 * the app avoids both so that only the agent can: a request dispatched through the
 * ContextHandlerCollection holds its old mapping on the stack (hence the control handler outside it),
 * and a kept-alive connection caches the last ServletChannel (hence "Connection: close" on the
 * webapp's responses, see WebappFilter).
 */
public final class Main {

    static final String SERVLET = "dev.weft.smoke.app.undeploy.webapp.WebappServlet";
    static final String FILTER = "dev.weft.smoke.app.undeploy.webapp.WebappFilter";
    static final String LISTENER = "dev.weft.instrumentation.servlet.jakarta.AsyncCompletionListener";
    static final long COLLECT_TIMEOUT_NANOS = 10_000_000_000L;

    private final ContextHandlerCollection contexts;
    private final Path webappClasses;
    private final int metricsPort;

    // Only these two fields reach the webapp's loader; undeploy clears both.
    private WebappLoader loader;
    private ServletContextHandler webapp;
    private long wovenOnDeploy = -1;

    private Main(ContextHandlerCollection contexts, Path webappClasses, int metricsPort) {
        this.contexts = contexts;
        this.webappClasses = webappClasses;
        this.metricsPort = metricsPort;
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);

        Path classes = args.length > 1 ? Paths.get(args[1]) : defaultWebappClasses();
        if (!Files.isRegularFile(classes.resolve(SERVLET.replace('.', '/') + ".class"))) {
            throw new IllegalStateException("no webapp classes in " + classes + ": build the module first");
        }
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        Main app = new Main(contexts, classes, metricsPort());
        app.awaitAgent();
        app.deploy();
        // Control first and outside the contexts: a request dispatched through ContextHandlerCollection
        // keeps the collection's mapping (with the webapp in it) on its stack until it returns.
        server.setHandler(new Handler.Sequence(new Control(app), contexts));
        server.start();
        System.out.println("READY");
        server.join();
    }

    /** target/webapp-classes, next to the target/classes this class was loaded from. */
    private static Path defaultWebappClasses() throws URISyntaxException {
        Path own = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return own.resolveSibling("webapp-classes");
    }

    private static int metricsPort() {
        try {
            return Integer.parseInt(System.getenv("WEFT_PORT").trim());
        } catch (RuntimeException unset) {
            return -1;
        }
    }

    /** Loads the webapp's servlet and filter in a fresh loader and adds their context at /webapp. */
    private synchronized void deploy() throws Exception {
        // The container's servlet API is loaded (and, with the agent, woven) before counting,
        // so the count's increase is the webapp's own classes.
        HttpServlet.class.getName();
        Filter.class.getName();
        WebappLoader webappLoader = new WebappLoader(webappClasses.toUri().toURL(), Main.class.getClassLoader());
        long before = instrumentedClasses();
        Class<? extends Servlet> servlet = webappLoader.loadClass(SERVLET).asSubclass(Servlet.class);
        Class<? extends Filter> filter = webappLoader.loadClass(FILTER).asSubclass(Filter.class);
        long after = instrumentedClasses();
        wovenOnDeploy = before < 0 || after < 0 ? -1 : after - before;

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/webapp");
        context.setClassLoader(webappLoader);
        ServletHolder holder = new ServletHolder("webapp", servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/hello");
        context.addServlet(holder, "/async");
        FilterHolder filterHolder = new FilterHolder(filter);
        filterHolder.setAsyncSupported(true);
        context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(context); // started with the server
        this.loader = webappLoader;
        this.webapp = context;
    }

    /** Deploys again into the running server, with a new loader. */
    synchronized String redeploy() throws Exception {
        if (loader != null) {
            return "already deployed";
        }
        deploy();
        if (!webapp.isStarted()) {
            webapp.start();
        }
        return "deployed";
    }

    synchronized String instrumented() throws IOException {
        String scrape = scrape();
        boolean routeSeries = false;
        if (scrape != null) {
            for (String line : scrape.split("\n")) {
                routeSeries |= line.startsWith("http_server_request_duration_seconds_count{")
                        && line.contains("http_route=\"/webapp/hello\"");
            }
        }
        return "webapp_classes_woven " + wovenOnDeploy + "\n"
                + "async_listener_in_webapp_loader " + (loader == null ? "undeployed" : loader.defines(LISTENER)) + "\n"
                + "webapp_route_series " + routeSeries + "\n";
    }

    synchronized String undeploy() throws Exception {
        if (loader == null) {
            return "not deployed";
        }
        WeakReference<ClassLoader> ref = forget();
        return collected(ref) ? "collected" : "leaked";
    }

    /** Undeploys as a container would; returns the only reference left to the loader, a weak one. */
    private WeakReference<ClassLoader> forget() throws Exception {
        WeakReference<ClassLoader> ref = new WeakReference<>(loader);
        webapp.stop();
        contexts.removeHandler(webapp);
        webapp.destroy();
        loader.close();
        webapp = null;
        loader = null;
        return ref;
    }

    /** True once the referent is gone; System.gc() with small allocations in between, for up to 10 s. */
    private static boolean collected(WeakReference<ClassLoader> ref) throws InterruptedException {
        long deadline = System.nanoTime() + COLLECT_TIMEOUT_NANOS;
        byte[][] garbage = new byte[64][];
        for (int round = 0; ref.get() != null; round++) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            System.gc();
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = new byte[16 * 1024];
            }
            Thread.sleep(round < 10 ? 20 : 100);
        }
        return true;
    }

    /**
     * The agent weaves on a background thread and serves /metrics once that is done; the first
     * deploy counts woven classes through the scrape, so it waits for the endpoint (up to 10 s).
     */
    private void awaitAgent() throws IOException, InterruptedException {
        for (int i = 0; metricsPort >= 0 && i < 200 && instrumentedClasses() < 0; i++) {
            Thread.sleep(50);
        }
    }

    /** weft_instrumented_classes_total from the agent's scrape, or -1 without the agent. */
    private long instrumentedClasses() throws IOException {
        String scrape = scrape();
        if (scrape == null) {
            return -1;
        }
        for (String line : scrape.split("\n")) {
            if (line.startsWith("weft_instrumented_classes_total ")) {
                return (long) Double.parseDouble(line.split(" ")[1]);
            }
        }
        return -1;
    }

    /**
     * The agent's scrape over a plain socket (no HTTP client the agent might weave), or null when
     * nothing listens on WEFT_PORT.
     */
    private String scrape() throws IOException {
        if (metricsPort < 0) {
            return null;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), metricsPort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        } catch (java.net.ConnectException absent) {
            return null;
        }
    }

    /** The webapp's loader; it can tell which classes it defined itself. */
    static final class WebappLoader extends URLClassLoader {
        WebappLoader(URL classes, ClassLoader parent) {
            super("undeploy-webapp", new URL[] {classes}, parent);
        }

        boolean defines(String name) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                return found != null && found.getClassLoader() == this;
            }
        }
    }

    /** GET /instrumented, GET /undeploy and GET /redeploy. */
    static final class Control extends Handler.Abstract {
        private final Main app;

        Control(Main app) {
            this.app = app;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String body;
            switch (request.getHttpURI().getPath()) {
                case "/instrumented":
                    body = app.instrumented();
                    break;
                case "/undeploy":
                    body = app.undeploy() + "\n";
                    break;
                case "/redeploy":
                    body = app.redeploy() + "\n";
                    break;
                default:
                    return false;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }
}
