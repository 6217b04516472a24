package dev.weft.build.sample.lib;

/** Loaded by name only: any of its methods may run. */
public class ByName {

    public Object anything() {
        return new FromByName();
    }
}
