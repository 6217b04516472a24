package dev.weft.build.sample.lib;

public final class Deep {

    private Deep() {}

    static String text() {
        return "deep";
    }
}
