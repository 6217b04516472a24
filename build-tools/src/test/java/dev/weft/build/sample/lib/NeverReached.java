package dev.weft.build.sample.lib;

public final class NeverReached {

    private NeverReached() {}

    static String text() {
        return new UsedByNeverReached().toString();
    }
}
