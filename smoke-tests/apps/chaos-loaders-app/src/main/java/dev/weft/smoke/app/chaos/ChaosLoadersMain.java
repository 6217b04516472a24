package dev.weft.smoke.app.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache HttpClient 4, loaded three times by class loaders of the kinds that break agents, each
 * making its calls with its own HTTP method so the scrape tells them apart:
 *
 * <ul>
 *   <li>{@code GET /call/refusing}: {@link RefusingLoader}, which refuses every {@code dev.weft} name
 *       in {@code loadClass(String)}, the method the JVM calls, and so never sees the agent's classes;</li>
 *   <li>{@code GET /call/throwing}: {@link ThrowingLoader}, which throws an unchecked exception for
 *       every name that is neither its own nor the JDK's; it makes POST calls;</li>
 *   <li>{@code GET /call/child-first}: {@link ChildFirstLoader}, which looks in its own jars first,
 *       and those include the agent jar, as a loader built from the JVM's class path would; it makes
 *       PUT calls.</li>
 * </ul>
 *
 * Each call goes to {@code http://127.0.0.1:<downstream>/any}; the answer is the status and body.
 *
 * <p>Arguments: the app's port, the downstream's port, the folder of HttpClient's jars, the agent jar.
 */
public final class ChaosLoadersMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String target = "http://127.0.0.1:" + Integer.parseInt(args[1]) + "/any";
        URL[] libs = jars(new File(args[2]));
        URL agentJar = new File(args[3]).toURI().toURL();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        List<URL> childFirstPath = new ArrayList<>(java.util.Arrays.asList(libs));
        childFirstPath.add(agentJar);
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put("refusing", new Caller(new RefusingLoader(libs, system), "org.apache.http.client.methods.HttpGet"));
        callers.put("throwing", new Caller(new ThrowingLoader(libs, system), "org.apache.http.client.methods.HttpPost"));
        callers.put("child-first", new Caller(new ChildFirstLoader(childFirstPath.toArray(new URL[0]), system),
                "org.apache.http.client.methods.HttpPut"));

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/call/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/call/".length());
            Caller caller = callers.get(name);
            String answer;
            int status = 200;
            if (caller == null) {
                status = 404;
                answer = "no loader " + name;
            } else {
                try {
                    answer = caller.call(target);
                } catch (Throwable t) {
                    status = 500;
                    Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
                    answer = "failed: " + cause;
                }
            }
            respond(exchange, status, answer);
        });
        server.start();
        System.out.println("READY");
    }

    private static URL[] jars(File folder) throws MalformedURLException {
        File[] files = folder.listFiles((dir, name) -> name.endsWith(".jar"));
        if (files == null || files.length == 0) {
            throw new IllegalArgumentException("no jars in " + folder);
        }
        java.util.Arrays.sort(files);
        URL[] urls = new URL[files.length];
        for (int i = 0; i < files.length; i++) {
            urls[i] = files[i].toURI().toURL();
        }
        return urls;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One client per loader, driven by reflection through HttpClient's public interfaces. */
    private static final class Caller {
        private final ClassLoader loader;
        private final String requestType;
        private Object client;

        Caller(ClassLoader loader, String requestType) {
            this.loader = loader;
            this.requestType = requestType;
        }

        synchronized String call(String url) throws Exception {
            if (client == null) {
                client = type("org.apache.http.impl.client.HttpClients").getMethod("createDefault").invoke(null);
            }
            Object request = type(requestType).getConstructor(String.class).newInstance(url);
            Class<?> uriRequest = type("org.apache.http.client.methods.HttpUriRequest");
            Object response = type("org.apache.http.client.HttpClient").getMethod("execute", uriRequest)
                    .invoke(client, request);
            try {
                Class<?> httpResponse = type("org.apache.http.HttpResponse");
                Object statusLine = httpResponse.getMethod("getStatusLine").invoke(response);
                int status = (Integer) type("org.apache.http.StatusLine").getMethod("getStatusCode").invoke(statusLine);
                Object entity = httpResponse.getMethod("getEntity").invoke(response);
                String body = (String) type("org.apache.http.util.EntityUtils")
                        .getMethod("toString", type("org.apache.http.HttpEntity")).invoke(null, entity);
                return status + " " + body;
            } finally {
                type("java.io.Closeable").getMethod("close").invoke(response);
            }
        }

        private Class<?> type(String name) throws ClassNotFoundException {
            return Class.forName(name, true, loader);
        }
    }
}
