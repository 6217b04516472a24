package dev.weft.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the agent jar's {@code dev.weft.bootstrap} classes in the boot loader, on Java 9+, without
 * appending the jar to the boot class path. An appended boot class path turns the JVM's class data
 * sharing off for every class outside the boot loader (the JVM says so on stderr: "Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended"), which costs the
 * application its CDS or AOT archive.
 *
 * <p>The classes are defined through {@code ClassLoader.defineClass1}, a static method that accepts
 * the boot loader, reachable once {@code java.lang} is opened with
 * {@link Instrumentation#redefineModule}. It is opened only to this class's module, which is the
 * unnamed module of a throwaway loader {@link WeftPremain} makes for it: the application's own
 * classes gain no access to {@code java.lang}.
 *
 * <p>Loaded by that throwaway loader and called reflectively; Java 8 has no modules and no such
 * method, and {@link WeftPremain} appends the jar there instead.
 */
public final class BootClassDefiner {

    private static final String PACKAGE = "dev/weft/bootstrap/";

    private BootClassDefiner() {}

    /** Defines every class of {@code dev/weft/bootstrap/} in the jar in the boot loader; throws if it cannot. */
    public static void defineAll(Instrumentation instrumentation, JarFile jar) throws Exception {
        openJavaLangToThisClass(instrumentation);
        Method define = ClassLoader.class.getDeclaredMethod("defineClass1", ClassLoader.class, String.class,
                byte[].class, int.class, int.class, ProtectionDomain.class, String.class);
        define.setAccessible(true);
        Map<String, byte[]> pending = classes(jar);
        // a class's supertypes must exist when it is defined; the jar's order says nothing of that
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> entry = it.next();
                byte[] bytes = entry.getValue();
                try {
                    define.invoke(null, null, entry.getKey(), bytes, 0, bytes.length, null, null);
                    it.remove();
                    progress = true;
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw e;
                    }
                }
            }
            if (!progress) {
                throw new IllegalStateException("cannot define " + pending.keySet() + " in the boot loader");
            }
        }
    }

    private static void openJavaLangToThisClass(Instrumentation instrumentation) throws Exception {
        Class<?> moduleType = Class.forName("java.lang.Module");
        Method getModule = Class.class.getMethod("getModule");
        Object javaBase = getModule.invoke(Object.class);
        Object self = getModule.invoke(BootClassDefiner.class);
        Map<String, Set<Object>> opens = Collections.singletonMap("java.lang", Collections.singleton(self));
        Instrumentation.class.getMethod("redefineModule", moduleType, Set.class, Map.class, Map.class, Set.class,
                        Map.class)
                .invoke(instrumentation, javaBase, Collections.emptySet(), Collections.emptyMap(), opens,
                        Collections.emptySet(), Collections.emptyMap());
    }

    /** Binary name to class file, for every class file directly or deeper under dev/weft/bootstrap/. */
    private static Map<String, byte[]> classes(JarFile jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<String, byte[]>();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.startsWith(PACKAGE) && name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), read(jar, entry));
            }
        }
        return classes;
    }

    static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            long size = entry.getSize();
            if (size >= 0 && size < Integer.MAX_VALUE) {
                // the usual case, a thousand times at start-up: one array of the right size, no copies
                byte[] bytes = new byte[(int) size];
                int read = 0;
                for (int n; read < bytes.length && (n = in.read(bytes, read, bytes.length - read)) != -1; ) {
                    read += n;
                }
                if (read == bytes.length && in.read() == -1) {
                    return bytes;
                }
                throw new IOException("the size of " + entry.getName() + " is not the one the jar states");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, (int) entry.getSize()));
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
