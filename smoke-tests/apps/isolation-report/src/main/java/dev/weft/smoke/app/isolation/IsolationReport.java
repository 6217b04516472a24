package dev.weft.smoke.app.isolation;

import java.lang.reflect.Method;
import java.net.URL;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this application can see of the agent, as {@code key=value} lines: printed at startup and
 * served again, computed afresh, on {@code GET /isolation}.
 *
 * <pre>
 * startup.sun.net.httpserver.maxReqTime=(unset)      before the app's own libraries ran
 * ownserver.sun.net.httpserver.maxReqTime=60          once the app's Prometheus HTTPServer class set its default
 * now.sun.net.httpserver.maxReqTime=(unset)          at the time of the report, after restoreStartupProperties()
 * jdk.ServerConfig.getMaxReqTime=60                  what the JDK's HTTP server really uses (needs --add-opens)
 * class.dev.weft.agent.AgentStarter=ClassNotFoundException
 * resource.dev/weft/agent/AgentStarter.class=(absent)
 * jar.net.bytebuddy.ByteBuddy=byte-buddy-1.12.19.jar
 * </pre>
 */
public final class IsolationReport {

    public static final String[] HTTPSERVER_PROPERTIES = {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"};

    /** Agent classes, relocated libraries of the agent, and (visible by design) the bootstrap facade. */
    public static final String[] AGENT_CLASSES = {
        "dev.weft.agent.AgentStarter",
        "dev.weft.agent.metrics.Metrics",
        "dev.weft.shaded.io.prometheus.metrics.core.metrics.Counter",
        "dev.weft.shaded.io.prometheus.metrics.model.registry.PrometheusRegistry",
        "dev.weft.shaded.net.bytebuddy.jar.asm.ClassReader",
        "dev.weft.bootstrap.Weft",
    };

    private final Map<String, String> startup = new LinkedHashMap<>();
    private final Map<String, String> startupRaw = new LinkedHashMap<>();

    /** Call first thing in main, before the app's own libraries run. */
    public IsolationReport() {
        for (String p : HTTPSERVER_PROPERTIES) {
            startupRaw.put(p, System.getProperty(p));
            startup.put("startup." + p, valueOf(System.getProperty(p)));
        }
    }

    /**
     * Call once the app's own HTTP server runs: records what the app's Prometheus HTTPServer class
     * set, then puts the sun.net.httpserver.* properties back as they were at startup, so that any
     * later change (by anyone else in this JVM) shows in the {@code now.} lines.
     */
    public void ownServerStarted(Map<String, String> facts) {
        for (String p : HTTPSERVER_PROPERTIES) {
            facts.put("ownserver." + p, valueOf(System.getProperty(p)));
            String before = startupRaw.get(p);
            if (before == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, before);
            }
        }
        facts.putAll(serverConfig());
    }

    /**
     * The timeouts the JDK's HTTP server really applies: sun.net.httpserver.ServerConfig reads the
     * properties once, when the first com.sun.net.httpserver server of the JVM is made. Readable
     * only with --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED.
     */
    public static Map<String, String> serverConfig() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String getter : new String[] {"getMaxReqTime", "getMaxRspTime"}) {
            String value;
            try {
                Method m = Class.forName("sun.net.httpserver.ServerConfig").getDeclaredMethod(getter);
                m.setAccessible(true);
                value = String.valueOf(m.invoke(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                value = "(inaccessible)";
            }
            values.put("jdk.ServerConfig." + getter, value);
        }
        return values;
    }

    public String render(Map<String, String> extra) {
        StringBuilder out = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(startup);
        for (String p : HTTPSERVER_PROPERTIES) {
            all.put("now." + p, valueOf(System.getProperty(p)));
        }
        for (String name : AGENT_CLASSES) {
            all.put("class." + name, lookUp(name));
            String resource = name.replace('.', '/') + ".class";
            all.put("resource." + resource, ClassLoader.getSystemResource(resource) == null ? "(absent)" : "present");
        }
        all.putAll(extra);
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return out.toString();
    }

    /** ClassNotFoundException only when neither this class's loader, the system loader nor the context loader knows it. */
    public static String lookUp(String name) {
        ClassLoader[] loaders = {null, ClassLoader.getSystemClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader loader : loaders) {
            try {
                Class<?> c = loader == null ? Class.forName(name) : Class.forName(name, false, loader);
                return "loaded by " + (c.getClassLoader() == null ? "bootstrap" : c.getClassLoader().toString());
            } catch (ClassNotFoundException expected) {
                // try the next loader
            } catch (LinkageError e) {
                return e.toString();
            }
        }
        return "ClassNotFoundException";
    }

    /** The file name of the jar a class came from, e.g. byte-buddy-1.12.19.jar. */
    public static String jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return "(unknown)";
        }
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }

    private static String valueOf(String value) {
        return value == null ? "(unset)" : value;
    }
}
