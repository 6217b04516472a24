package dev.weft.smoke.app.helidon.mp;

/**
 * Helidon MP's own main class ({@code io.helidon.microprofile.cdi.Main}: CDI, then the server and the
 * JAX-RS application it finds), then the READY line the smoke tests wait for.
 */
public final class HelidonMpMain {

    public static void main(String[] args) {
        io.helidon.microprofile.cdi.Main.main(args);
        System.out.println("READY");
    }
}
