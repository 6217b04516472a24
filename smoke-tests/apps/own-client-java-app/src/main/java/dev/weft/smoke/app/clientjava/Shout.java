package dev.weft.smoke.app.clientjava;

import java.util.concurrent.Callable;
import net.bytebuddy.implementation.bind.annotation.SuperCall;

/** The interceptor the ByteBuddy-made Greeter subclass delegates to: calls the original and shouts it. */
public final class Shout {
    private Shout() {}

    public static String greet(@SuperCall Callable<String> original) throws Exception {
        return original.call().toUpperCase(java.util.Locale.ROOT) + "!";
    }
}
