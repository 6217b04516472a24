package dev.weft.build.sample.lib;

/** A Greeter nobody instantiates or names. */
public class Rude implements Greeter {

    @Override
    public String greet() {
        return "what";
    }
}
