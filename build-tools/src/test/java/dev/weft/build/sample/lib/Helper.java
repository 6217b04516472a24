package dev.weft.build.sample.lib;

public final class Helper {

    private Helper() {}

    public static Object make() {
        return new Made();
    }
}
