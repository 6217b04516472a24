package dev.weft.agent.weave;

import dev.weft.instrumentation.api.TypeView;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class headers of one class loader's classes, read from the class files it finds and kept, so
 * that a supertype shared by many classes (a servlet base class, a framework's handler) is read once
 * rather than once per subclass. Kept per loader, weakly: an undeployed webapp's loader can go.
 */
public final class ClassHeaders {

    /** Past this many headers of one loader, the cache starts over: a bound, not an expected size. */
    private static final int MAX_CACHED = 4096;

    private static final Map<ClassLoader, ClassHeaders> BY_LOADER = new WeakHashMap<ClassLoader, ClassHeaders>();
    private static final ClassHeaders BOOTSTRAP = new ClassHeaders(null);

    /** Weak, since this object is the weak map's value: a strong reference would keep its key. */
    private final WeakReference<ClassLoader> loader;
    private final boolean bootstrap;
    private final ConcurrentHashMap<String, ClassHeader> cached = new ConcurrentHashMap<String, ClassHeader>();

    private ClassHeaders(ClassLoader loader) {
        this.loader = new WeakReference<ClassLoader>(loader);
        this.bootstrap = loader == null;
    }

    /** The headers of {@code loader}'s classes (null: the bootstrap loader's). */
    public static ClassHeaders of(ClassLoader loader) {
        if (loader == null) {
            return BOOTSTRAP;
        }
        synchronized (BY_LOADER) {
            ClassHeaders headers = BY_LOADER.get(loader);
            if (headers == null) {
                headers = new ClassHeaders(loader);
                BY_LOADER.put(loader, headers);
            }
            return headers;
        }
    }

    /**
     * The class of this internal name as the loader finds it.
     *
     * @throws IllegalStateException when the loader finds no readable class file of that name
     */
    TypeView find(String internalName) {
        ClassHeader header = cached.get(internalName);
        if (header != null) {
            return header;
        }
        ClassLoader from = loader.get();
        byte[] classFile = from == null && !bootstrap ? null : ClassFiles.read(from, internalName);
        if (classFile == null) {
            throw new IllegalStateException("no class file of " + internalName.replace('/', '.') + " in " + from);
        }
        header = ClassHeader.read(classFile, this);
        if (cached.size() >= MAX_CACHED) {
            cached.clear();
        }
        cached.put(internalName, header);
        return header;
    }
}
