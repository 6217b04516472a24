package dev.weft.smoke.app.chaos;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Its own jars first, the parent after, as web-application and restart loaders do. Its jars include
 * the agent jar, whose {@code dev/weft/bootstrap} classes it would define as a second copy of its own.
 */
final class ChildFirstLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    ChildFirstLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !name.startsWith("java.")) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notMine) {
                    // the parent's, then
                }
            }
            if (loaded == null) {
                loaded = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
