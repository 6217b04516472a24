package dev.weft.smoke.app.chaos;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Parent-first, except that every {@code dev.weft} name is refused, in {@code loadClass(String)}:
 * the entry the JVM uses to resolve the classes this loader defined. Weft cannot make it see its
 * classes, so it must leave them unwoven, and say so.
 */
final class RefusingLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    RefusingLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        if (name.startsWith("dev.weft.")) {
            throw new ClassNotFoundException(name + " is refused by " + getClass().getSimpleName());
        }
        return super.loadClass(name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
