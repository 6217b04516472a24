package dev.weft.build.sample.lib;

public class Mentioned {

    public Object use() {
        return new UsedByMentioned();
    }
}
