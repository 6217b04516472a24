package dev.weft.smoke.app.chaos;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Its own jars, then the JDK's packages from the parent; any other name is an unchecked exception,
 * not the {@code ClassNotFoundException} the contract asks for.
 */
final class ThrowingLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    ThrowingLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && isJdk(name)) {
                loaded = getParent().loadClass(name);
            }
            if (loaded == null) {
                if (findResource(name.replace('.', '/') + ".class") == null) {
                    throw new IllegalStateException(getClass().getSimpleName() + " does not know " + name);
                }
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
