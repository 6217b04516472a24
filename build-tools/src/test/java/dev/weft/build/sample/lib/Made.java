package dev.weft.build.sample.lib;

/** Instantiated; the JDK calls its toString (println), which calls Deep. */
public class Made {

    @Override
    public String toString() {
        return Deep.text();
    }

    /** Static: no JDK code calls it, whatever its name. */
    public static String valueOf(Object o) {
        return NeverReached.text();
    }
}
