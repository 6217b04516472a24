package dev.weft.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent, its instrumentations, ByteBuddy and the Prometheus client from the
 * {@code inst/} folder of the agent jar, where class files carry a {@code .classdata} suffix.
 *
 * <p>The system class loader sees the same jar (it is on the class path because of
 * {@code -javaagent}) but finds no {@code .class} entry there, so the application can neither load
 * nor clash with any of these classes. The parent is the platform loader (bootstrap on Java 8):
 * the agent sees the JDK and {@code dev.weft.bootstrap}, nothing of the application.
 *
 * <p>Resources are mapped the same way, which is how {@link java.util.ServiceLoader} finds the
 * instrumentation modules and how the weaver reads advice class files.
 */
public final class AgentClassLoader extends ClassLoader {

    static final String PREFIX = "inst/";
    static final String CLASS_SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final URL jarRoot;
    private final ProtectionDomain protectionDomain;

    public AgentClassLoader(File agentJar) throws IOException {
        this(agentJar, platformLoader());
    }

    /**
     * For {@code java -jar weft-agent.jar check}, where {@code dev.weft.bootstrap} is on the class
     * path rather than in the boot loader: the parent is the loader that has it (and, in that JVM,
     * nothing of an application).
     */
    AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super(parent);
        this.jar = new JarFile(agentJar, false);
        this.jarRoot = new URL("jar:" + agentJar.toURI() + "!/");
        this.protectionDomain = new ProtectionDomain(
                new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try {
            bytes = BootClassDefiner.read(jar, entry);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    @Override
    protected URL findResource(String name) {
        String entryName = entryName(name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL(jarRoot, entryName);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The agent's own resources straight from the jar, before the parent is asked: the weaving reads
     * every advice class file this way, and the parents' lookup of a name outside the JDK's packages
     * searches every module of the runtime image first, then goes through a {@code jar:} URL.
     * Names the jar does not hold are looked up as usual.
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = jar.getJarEntry(entryName(name));
        if (entry != null) {
            try {
                return jar.getInputStream(entry);
            } catch (IOException e) {
                return null;
            }
        }
        return super.getResourceAsStream(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
    }

    static String entryName(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        if (path.endsWith(".class")) {
            return PREFIX + path.substring(0, path.length() - ".class".length()) + CLASS_SUFFIX;
        }
        return PREFIX + path;
    }

    @SuppressWarnings("deprecation") // getPackage: the Java 8 API; its replacement is Java 9+
    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException racedWithAnotherThread) {
                // defined concurrently: fine
            }
        }
    }

    /**
     * Java 9+: the platform loader, so JDK modules such as jdk.httpserver are visible. Java 8:
     * bootstrap. Found as the system loader's last ancestor rather than by calling
     * {@code getPlatformClassLoader} reflectively: that first reflective call on a caller-sensitive
     * method reads the JDK's annotations, some ten milliseconds of premain.
     */
    static ClassLoader platformLoader() {
        if (System.getProperty("java.specification.version", "").startsWith("1.")) {
            return null;
        }
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        while (loader != null && loader.getParent() != null) {
            loader = loader.getParent();
        }
        if (loader != null && loader.getClass().getName().equals("jdk.internal.loader.ClassLoaders$PlatformClassLoader")) {
            return loader;
        }
        try { // a custom system loader that does not descend from the platform loader
            return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
