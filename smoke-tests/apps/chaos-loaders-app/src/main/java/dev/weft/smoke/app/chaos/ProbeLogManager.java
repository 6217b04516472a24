package dev.weft.smoke.app.chaos;

import java.util.logging.LogManager;

/** Prints the thread that created the JVM's log manager; see {@link SingletonsMain}. */
public final class ProbeLogManager extends LogManager {

    public ProbeLogManager() {
        System.out.println("created LogManager on " + Thread.currentThread().getName());
    }
}
