package dev.weft.smoke.app.micronaut;

import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * A Micronaut 4 service on 127.0.0.1:{@code args[0]}; {@code args[1]} is the port of the downstream
 * its HTTP client calls. Prints READY once the server serves.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .properties(Map.of("micronaut.server.port", args[0], "downstream.port", args[1]))
                .start();
        System.out.println("READY");
    }
}
