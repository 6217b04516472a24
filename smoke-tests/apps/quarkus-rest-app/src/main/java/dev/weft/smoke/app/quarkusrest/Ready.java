package dev.weft.smoke.app.quarkusrest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Prints READY once Quarkus has started (the smoke tests wait for it). */
@Singleton
public class Ready {

    void started(@Observes StartupEvent event) {
        System.out.println("READY");
    }
}
